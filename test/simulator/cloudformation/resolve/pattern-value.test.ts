/**
 * Values made from an AllowedPattern (--placeholder-parameters): for real-world-shaped patterns in Java syntax, as
 * java-regex.ts translates them, the value is pinned (readable, and the same on every run), the translated pattern
 * matches it, and it has the wanted length; where no value can be made, the reason says why.
 */
import { translateJavaPattern } from '../../../../simulator/cloudformation/resolve/java-regex';
import { valueMatching, type ValueWanted } from '../../../../simulator/cloudformation/resolve/pattern-value';

function translated(pattern: string): RegExp {
  const result = translateJavaPattern(pattern);
  if (!result.ok) throw new Error(`untranslatable: ${result.reason}`);
  return result.regex;
}

const HINT = 'placeholder-name';

describe('a value made from an AllowedPattern', () => {
  it.each<[string, Omit<ValueWanted, 'hint'>, string]>([
    // Names and identifiers
    ['^[a-z][a-z0-9-]{2,20}$', { minLength: 3 }, 'placeholder-name'],
    ['^[a-z][a-z0-9-]{2,20}$', { minLength: 3, maxLength: 10 }, 'placeholde'],
    ['^[a-zA-Z][a-zA-Z0-9]*$', { minLength: 1, maxLength: 16 }, 'placeholder'],
    ['^[a-zA-Z0-9]*$', { minLength: 8, maxLength: 41 }, 'placeholder'],
    ['^[a-z]{3,}$', { minLength: 5, maxLength: 6 }, 'placeh'],
    ['^[a-z]{1,5}(-[a-z]{1,5}){0,3}$', {}, 'place'],
    ['^[A-Z][a-z]+ [A-Z][a-z]+$', {}, 'Placeholder Aa'],
    ['^[^\\s]+$', {}, 'placeholder-name'],
    ['^[^,]+$', {}, 'placeholder-name'],
    ['^\\S+$', {}, 'placeholder-name'],
    // Alternations
    ['^(dev|test|prod)$', {}, 'dev'],
    ['^(?:dev|staging|prod)$', {}, 'dev'],
    ['^t[23]\\.(nano|micro|small)$', {}, 't2.nano'],
    ['^([01]?\\d|2[0-3]):[0-5]\\d$', {}, '0:00'],
    ['^$|^arn:aws:sns:[a-z0-9-]+:\\d{12}:[\\w-]+$', {}, ''],
    ['^$|^arn:aws:sns:[a-z0-9-]+:\\d{12}:[\\w-]+$', { minLength: 1 }, 'arn:aws:sns:a:000000000000:a'],
    // AWS ids and ARNs
    ['^ami-[0-9a-f]{8,17}$', {}, 'ami-aaaaaaaa'],
    ['^vpc-[0-9a-f]{8}([0-9a-f]{9})?$', {}, 'vpc-aaaaaaaa'],
    ['^subnet-([0-9a-f]{8}|[0-9a-f]{17})$', {}, 'subnet-aaaaaaaa'],
    ['^sg-[0-9a-f]+(,sg-[0-9a-f]+)*$', {}, 'sg-a'],
    ['^\\d{12}$', {}, '000000000000'],
    ['^[0-9]{12}$', {}, '000000000000'],
    ['^(\\d{12})(,\\d{12})*$', {}, '000000000000'],
    ['^o-[a-z0-9]{10,32}$', {}, 'o-aaaaaaaaaa'],
    ['^r-[0-9a-z]{4,32}$', {}, 'r-aaaa'],
    ['^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$', {}, 'ou-aaaa-aaaaaaaa'],
    ['^([a-z]{2}-(gov-)?[a-z]+-\\d)$', {}, 'pl-a-0'],
    ['^arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[a-f0-9-]{36}$', {}, `arn:aws:kms:a:000000000000:key/${'a'.repeat(36)}`],
    ['^arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:role/[\\w+=,.@-]+$', {}, 'arn:aws:iam::000000000000:role/a'],
    ['^[A-Z]{2,4}-\\d{3}$', {}, 'PLAC-000'],
    // Buckets, e-mail addresses, networks, dates, URLs
    ['^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', { minLength: 3, maxLength: 63 }, 'placeholder-name'],
    ['^(?!xn--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$', {}, 'placeholder-name'],
    ['^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$', {}, 'placeholder@a.aa'],
    ['^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$', {}, 'placeholder-@a.a'],
    [
      '^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])(\\/(1[6-9]|2[0-8]))$',
      {},
      '0.0.0.0/16',
    ],
    ['^\\d{4}-\\d{2}-\\d{2}$', {}, '0000-00-00'],
    ['^https?://[^\\s/$.?#].[^\\s]*$', {}, 'http://aa'],
    // Java-only syntax java-regex.ts translates: possessive quantifiers, POSIX and Unicode classes, \Q…\E, \A…\z, (?i), \x{…}
    ['a*+b', {}, 'b'],
    ['[a-z]++-\\d?+', {}, 'placeholder-'],
    ['^\\p{Alnum}{5}$', {}, 'place'],
    ['^\\p{Alpha}\\p{Alnum}*$', {}, 'placeholder'],
    ['^\\p{Upper}{3}$', {}, 'PLA'],
    ['^\\p{Lower}+\\p{Digit}$', {}, 'placeholder0'],
    ['^\\p{IsGreek}+$', {}, 'α'],
    ['^\\p{L}+$', {}, 'placeholder'],
    ['\\Qa.b\\E[0-9]+', {}, 'a.b0'],
    ['\\Aabc\\z', {}, 'abc'],
    ['(?i)^abc-[a-f]{3}$', {}, 'abc-aaa'],
    ['^[\\x41-\\x5A]{2}\\x{2D}[0-9]$', {}, 'PL-0'],
    // Lookarounds and back-references (followed as far as they go; the final check decides)
    ['^(?=.{8,})[a-z]+$', {}, 'placeholder'],
    ['^(\\w+)-\\1$', {}, 'placeholder-placeholder'],
    ['^(?<word>[a-z]+)=\\k<word>$', {}, 'placeholder=placeholder'],
  ])('%s %j gives %j, matched by the pattern, the same every time', (pattern, wanted, expected) => {
    const regex = translated(pattern);
    const first = valueMatching(regex, { ...wanted, hint: HINT });
    expect(first).toEqual({ ok: true, value: expected });
    expect(regex.test(expected)).toBe(true);
    const length = [...expected].length;
    expect(length).toBeGreaterThanOrEqual(wanted.minLength ?? 0);
    expect(length).toBeLessThanOrEqual(wanted.maxLength ?? Infinity);
    expect(valueMatching(translated(pattern), { ...wanted, hint: HINT })).toEqual(first);
  });

  it('spells as much of the hint as the pattern allows, else the first readable character of each set', () => {
    expect(valueMatching(translated('^[a-z]+-\\d$'), { hint: 'placeholder-suffix-1' })).toEqual({ ok: true, value: 'placeholder-0' });
    expect(valueMatching(translated('^[a-z]+-\\d$'), {})).toEqual({ ok: true, value: 'a-0' });
    expect(valueMatching(translated('^[0-9a-f]+$'), { hint: HINT })).toEqual({ ok: true, value: 'a' });
  });

  it.each<[string, Omit<ValueWanted, 'hint'>, RegExp]>([
    ['^\\d{12}$', { maxLength: 5 }, /^its matches have 12 characters, which MaxLength 5 excludes$/],
    ['^[a-z]{2,3}$', { minLength: 5 }, /^its matches have 2 to 3 characters, which MinLength 5 excludes$/],
    ['^[a-z]{2,}$', { minLength: 5, maxLength: 1 }, /^its matches have at least 2 characters, which MinLength 5 and MaxLength 1 exclude$/],
    ['^a{1000000}$', {}, /^its shortest match has 1000000 characters, more than a placeholder's 1024$/],
    ['^(?!a)a$', {}, /^the value made from it, "a", does not match it \(a lookaround/],
    ['^a\\bb$', {}, /does not match it/],
    ['^[^\\s\\S]$', {}, /^its set \[\^\\s\\S\] matches no character/],
  ])('%s %j: gives up, saying why', (pattern, wanted, reason) => {
    const made = valueMatching(translated(pattern), { ...wanted, hint: HINT });
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.reason).toMatch(reason);
  });
});
