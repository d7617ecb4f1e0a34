import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRate, effectiveRate, formatCents, formatRate, parseMoney, parseMoneyFully, parsePct, parseQuantity, roundHalfAwayFromZero, roundHalfUp } from '../../src/values/money.js';

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

describe('parseMoney', () => {
  it.each([
    ['45000', 4_500_000n],
    ['45000.5', 4_500_050n],
    ['45000.05', 4_500_005n],
    ['$1,500.00', 150_000n],
    ['  12 ', 1200n],
    ['0', 0n],
    ['0.00', 0n],
    ['007', 700n],
    ['999999999999999.99', 99_999_999_999_999_999n],
  ])('accepts %j as %s cents', (raw, cents) => {
    expect(parseMoney(raw)).toEqual({ ok: true, value: cents });
  });

  it.each([
    ['', /empty/],
    ['-5', /negative/],
    ['-0', /negative/],
    ['1e5', /expected a decimal/],
    ['0x10', /expected a decimal/],
    ['NaN', /expected a decimal/],
    ['Infinity', /expected a decimal/],
    ['1,5', /expected a decimal/],
    ['1,50,000', /expected a decimal/],
    ['12.345', /more than 2 decimal places/],
    ['1000000000000000', /too large/],
    ['12,345.6.7', /expected a decimal/],
    ['+5', /expected a decimal/],
  ])('rejects %j', (raw, reason) => {
    const r = parseMoney(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('parseQuantity', () => {
  // The rule (README, quantity column): digits, at most 15, and at most 6 decimals; no sign, no exponent, no spaces.
  const byRule = (s: string): bigint | null => {
    const m = /^(\d{1,15})(?:\.(\d{1,6}))?$/.exec(s);
    return m === null ? null : BigInt(m[1]!) * 1_000_000n + BigInt((m[2] ?? '').padEnd(6, '0'));
  };

  it.each([
    ['120', 120_000_000n],
    ['12.5', 12_500_000n],
    ['0', 0n],
    ['007', 7_000_000n],
    ['999999999', 999_999_999_000_000n],
    ['999999999999999.999999', 999_999_999_999_999_999_999n],
  ])('reads %j as %s millionths', (raw, q) => expect(parseQuantity(raw)).toBe(q));

  it.each(['', '-1', '+1', '1e3', '1.', '.5', '1.1234567', '1,000', ' 1', 'x', '1234567890123456', '١٢'])('refuses %j', (raw) => expect(parseQuantity(raw)).toBeNull());

  it('equals the rule on any short string of digits, dots and signs (the digit-by-digit path included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', ' '), maxLength: 24 }), (s) => {
        expect(parseQuantity(s)).toBe(byRule(s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('parsePct', () => {
  it.each([
    ['2.5', 2_500_000n],
    ['2.5%', 2_500_000n],
    ['Free', 0n],
    ['0.3464', 346_400n],
    ['100', 100_000_000n],
  ])('accepts %j', (raw, micro) => expect(parsePct(raw)).toEqual({ ok: true, value: micro }));
  it.each(['-1', '1e2', 'abc', '2.1234567', '1001'])('rejects %j', (raw) => expect(parsePct(raw).ok).toBe(false));
});

describe('applyRate rounds half up to the cent', () => {
  it.each([
    // value cents, rate micro-percent, expected cents
    [3_000_000n, 2_500_000n, 75_000n], // $30,000 car at 2.5% = $750 (DOMAIN s.11)
    [3_000_000n, 346_400n, 10_392n], // MPF on $30,000 = $103.92 (DOMAIN s.11)
    [3_000_000n, 125_000n, 3_750n], // HMF on $30,000 = $37.50 (DOMAIN s.11)
    [1n, 50_000_000n, 1n], // 0.5 cent rounds up
    [1n, 49_999_999n, 0n],
    [3n, 50_000_000n, 2n], // 1.5 cents -> 2
    [0n, 25_000_000n, 0n],
  ])('%s cents at %s micro-%% = %s', (v, r, want) => expect(applyRate(v, r)).toBe(want));

  it('equals decimal.js ROUND_HALF_UP for any value and rate', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.bigInt({ min: 0n, max: 1000n * 1_000_000n }), (v, r) => {
        const want = new D(v.toString()).div(100).mul(new D(r.toString()).div(1_000_000)).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        expect(formatCents(applyRate(v, r))).toBe(want.toFixed(2));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatting', () => {
  it('formats cents and rates exactly', () => {
    expect(formatCents(0n)).toBe('0.00');
    expect(formatCents(5n)).toBe('0.05');
    expect(formatCents(1_237_500n)).toBe('12375.00');
    expect(formatRate(2_500_000n)).toBe('2.5');
    expect(formatRate(0n)).toBe('0');
    expect(formatRate(346_400n)).toBe('0.3464');
  });
  it('effective rate is duty / value, 4 decimals, half up', () => {
    expect(effectiveRate(1_237_500n, 4_500_000n)).toBe('27.5');
    expect(effectiveRate(1n, 3n)).toBe('33.3333');
    expect(effectiveRate(2n, 3n)).toBe('66.6667');
    expect(effectiveRate(0n, 0n)).toBe('0');
  });
});

describe('the formatCents fast path agrees with the bigint path', () => {
  const slowCents = (c: bigint) => {
    const neg = c < 0n;
    const s = (neg ? -c : c).toString().padStart(3, '0');
    return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
  };
  const slowRate = (r: bigint) => {
    const neg = r < 0n;
    const a = neg ? -r : r;
    const frac = (a % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
    return `${neg ? '-' : ''}${a / 1_000_000n}${frac ? `.${frac}` : ''}`;
  };
  it('for any value up to 10^17 and of either sign', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (c) => {
        expect(formatCents(c)).toBe(slowCents(c));
        expect(formatRate(c)).toBe(slowRate(c));
      }),
      { numRuns: 5000 },
    );
    for (const c of [0n, 1n, 99n, 100n, 9_007_199_254_740_991n, 9_007_199_254_740_992n]) {
      expect(formatCents(c)).toBe(slowCents(c));
      expect(formatRate(c)).toBe(slowRate(c));
    }
  });
});

describe('the effectiveRate fast path agrees with decimal.js', () => {
  // duty / value x 100, half up to 4 decimals, shortest form: the contract, computed independently.
  const reference = (duty: bigint, value: bigint) =>
    value === 0n ? '0' : new D(duty.toString()).div(value.toString()).times(100).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed();
  it('for any duty and value up to 10^17 cents, duty above the value included', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.bigInt({ min: 1n, max: 10n ** 17n }), (duty, value) => {
        expect(effectiveRate(duty, value)).toBe(reference(duty, value));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.integer({ min: 0, max: 100_000_000 }), (value, rateMicro) => {
        // Realistic lines: the duty a rate of up to 100% gives on the value.
        const duty = applyRate(value, BigInt(rateMicro));
        expect(effectiveRate(duty, value)).toBe(reference(duty, value));
      }),
      { numRuns: 5000 },
    );
    for (const [d, v] of [[0n, 5n], [1n, 3n], [2n, 3n], [10n ** 17n, 1n], [1n, 10n ** 17n], [9_007_199_254_740_991n, 1_000_000n]] as const) {
      expect(effectiveRate(d, v)).toBe(reference(d, v));
    }
  });
});

describe('the parseMoney fast path agrees with the full parser', () => {
  it('on money-like text of every shape', () => {
    const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((a) => a.join(''));
    const moneyish = fc.tuple(
      fc.constantFrom('', ' ', '$', '-', '+'),
      fc.oneof(digits(0, 18), fc.constant('1,234'), fc.constant('0001')),
      fc.constantFrom('', '.', ','),
      digits(0, 4),
      fc.constantFrom('', ' ', 'x', 'e3'),
    ).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(moneyish, fc.string({ maxLength: 20 })), (s) => {
        expect(parseMoney(s)).toEqual(parseMoneyFully(s));
      }),
      { numRuns: 20_000 },
    );
    for (const s of ['0', '00', '9999999999999.99', '99999999999999.99', '999999999999999', '1.', '.5', '1.234', '12.3', '٣']) {
      expect(parseMoney(s)).toEqual(parseMoneyFully(s));
    }
  });
});

describe('the named roundings (one of each, used everywhere money is divided)', () => {
  it('roundHalfUp(n, d) is n / d rounded half up, as decimal.js computes it (DOMAIN.md section 8: half up per line)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 18n }), (n, d) => {
        expect(roundHalfUp(n, d).toString()).toBe(new D(n.toString()).div(d.toString()).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed());
      }),
    );
    expect([roundHalfUp(5n, 10n), roundHalfUp(4n, 10n), roundHalfUp(15n, 10n)]).toEqual([1n, 0n, 2n]);
  });

  it('roundHalfAwayFromZero(n, d) rounds a signed figure symmetrically: -2.5 -> -3, 2.5 -> 3', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 18n }), (n, d) => {
        // decimal.js ROUND_HALF_UP rounds half away from zero
        expect(roundHalfAwayFromZero(n, d).toString()).toBe(new D(n.toString()).div(d.toString()).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed());
      }),
    );
    expect([roundHalfAwayFromZero(-25n, 10n), roundHalfAwayFromZero(25n, 10n), roundHalfAwayFromZero(-24n, 10n)]).toEqual([-3n, 3n, -2n]);
  });
});
