using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace DockerPS.Filters
{
    /// <summary>
    /// The -Name / -Id matching of the Get-* cmdlets, over one engine or several. Each engine's list yields its own
    /// matches (each item once, in the order of the names asked for); whether a name was found is decided over all
    /// engines, so <c>-Host a, b -Name x</c> gives x from a and no false "not found" from b: one missing name is one error.
    /// </summary>
    internal sealed class NameMatcher<T>
    {
        private readonly IReadOnlyList<string>? _wanted;
        private readonly Func<string, Func<T, bool>> _predicate;
        private readonly Func<T, string> _key;
        private readonly bool _literal;
        private readonly bool[] _found;

        /// <param name="wanted">The names or ids asked for; null matches everything.</param>
        /// <param name="predicate">For one wanted name, which items it matches.</param>
        /// <param name="key">What makes an item the same item on one engine (its id).</param>
        /// <param name="literal">Ids: a missing one is an error even when it has wildcard characters (a wildcard name that matches nothing is not).</param>
        public NameMatcher(IReadOnlyList<string>? wanted, Func<string, Func<T, bool>> predicate, Func<T, string> key, bool literal)
        {
            _wanted = wanted;
            _predicate = predicate;
            _key = key;
            _literal = literal;
            _found = new bool[wanted?.Count ?? 0];
        }

        /// <summary>The matches in one engine's list.</summary>
        public List<T> Select(IReadOnlyList<T> items)
        {
            if (_wanted == null)
            {
                return new List<T>(items);
            }

            var matches = new List<T>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < _wanted.Count; i++)
            {
                Func<T, bool> isMatch = _predicate(_wanted[i]);
                foreach (T item in items)
                {
                    if (isMatch(item))
                    {
                        _found[i] = true;
                        if (seen.Add(_key(item)))
                        {
                            matches.Add(item);
                        }
                    }
                }
            }

            return matches;
        }

        /// <summary>The names no engine had, once each; call after every engine answered.</summary>
        public IEnumerable<string> Missing()
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < _found.Length; i++)
            {
                string w = _wanted![i];
                if (!_found[i] && (_literal || !WildcardPattern.ContainsWildcardCharacters(w)) && reported.Add(w))
                {
                    yield return w;
                }
            }
        }
    }
}
