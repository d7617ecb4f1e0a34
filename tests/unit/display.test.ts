/** The one escaping rule for user text on human-facing streams (QA #9, #10). */
import { describe, expect, it } from 'vitest';
import { displayText, markdownCell } from '../../src/cli/render/display.js';

describe('displayText', () => {
  it.each([
    ['plain text, unchanged', 'SHP-0001 café ¥', 'SHP-0001 café ¥'],
    ['OSC title and CSI clear', '\x1b]0;owned\x07\x1b[2J', '\\x1b]0;owned\\x07\\x1b[2J'],
    ['NUL', '1\x0000', '1\\x0000'],
    ['DEL and a C1 CSI', 'a\x7fb\x9b2J', 'a\\x7fb\\x9b2J'],
    ['tab', 'a\tb', 'a\\x09b'],
    ['bidi override (Trojan Source)', 'abc\u202edcba', 'abc\\u202edcba'],
    ['line breaks flattened in a cell', 'multi\nline\r\nx\ry\u2028z', 'multi line x y z'],
  ])('%s', (_what, input, shown) => {
    expect(displayText(input)).toBe(shown);
  });

  it('keeps LF in a message of several lines, escapes a lone CR', () => {
    expect(displayText('one\ntwo\r\nthree\rfour', { keepLines: true })).toBe('one\ntwo\nthree\\x0dfour');
  });

  it('never leaves a control character in anything', () => {
    let all = '';
    for (let c = 0; c < 0x100; c++) all += String.fromCharCode(c);
    // eslint-disable-next-line no-control-regex -- the check
    expect(displayText(all)).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  });
});

describe('markdownCell', () => {
  it('escapes HTML and the cell separator after the rule above', () => {
    expect(markdownCell('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(markdownCell("a|b & c's\nd")).toBe('a\\|b &amp; c&#39;s d');
  });
});
