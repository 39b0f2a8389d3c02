import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ByteIndex, fileDiagnostics, htmlPathFor, serverSettings, summaryMessage } from '../report';

test('byte offsets become UTF-16 columns, after CJK and astral characters', () => {
  const text = '---\n共发布2471条。\n𠮷祥1327条\r\nend';
  const index = new ByteIndex(text);
  const byteOf = (s: string) => Buffer.byteLength(text.slice(0, text.indexOf(s)), 'utf8');
  assert.deepEqual(index.position(byteOf('2471')), { line: 1, character: 3 });
  // 𠮷 is one character but two UTF-16 units.
  assert.deepEqual(index.position(byteOf('1327')), { line: 2, character: 3 });
  assert.deepEqual(index.position(byteOf('end')), { line: 3, character: 0 });
  // Clamped, and an offset inside a character maps to its start.
  assert.deepEqual(index.position(10_000), { line: 3, character: 3 });
  assert.deepEqual(index.position(byteOf('2471') - 1), { line: 1, character: 2 });
});

test('a BOM is not a column', () => {
  const index = new ByteIndex(Buffer.from('\ufeff共2条', 'utf8'));
  assert.deepEqual(index.position(6), { line: 0, character: 1 });
});

test('check JSON to diagnostics, with the editor rule levels', () => {
  const text = '共发布各类信息2471条。其中，A1327条。';
  const start = Buffer.byteLength('共发布各类信息', 'utf8');
  const diagnostics = fileDiagnostics(
    [
      {
        code: 'prose-breakdown',
        severity: 'warning',
        message: 'm',
        path: 'a.nianbao',
        range: { byte_start: start, byte_end: start + 7 },
        related: [{ message: '分项', range: { byte_start: start + 19, byte_end: start + 26 } }],
      },
      { code: 'placeholder', severity: 'warning', message: 'p', path: 'a.nianbao', range: { byte_start: 0, byte_end: 1 } },
      { code: 'deadline', severity: 'error', message: 'd', path: 'a.nianbao', range: { byte_start: 0, byte_end: 1 } },
    ],
    text,
    { placeholder: 'off', deadline: 'hint' },
  );
  assert.equal(diagnostics.length, 2);
  assert.deepEqual(diagnostics[0].start, { line: 0, character: 7 });
  assert.deepEqual(diagnostics[0].end, { line: 0, character: 12 });
  assert.deepEqual(diagnostics[0].related[0].start, { line: 0, character: 16 });
  assert.equal(diagnostics[1].severity, 'hint');
});

test('settings sent to the server', () => {
  const values: Record<string, unknown> = {
    rules: { 'table-sum': 'warning', 'prose-breakdown': 'off', bad: 'loud' },
    'completion.pinyin': true,
  };
  const s = serverSettings((k) => values[k] as never);
  assert.deepEqual(s, {
    rules: { 'table-sum': 'warning', 'prose-breakdown': 'off' },
    completion: { pinyin: true },
    inlayHints: true,
  });
  assert.deepEqual(serverSettings(() => undefined), { rules: {}, completion: { pinyin: false }, inlayHints: true });
});

test('messages and paths', () => {
  assert.equal(htmlPathFor('/w/绥中县.nianbao'), '/w/绥中县.html');
  assert.match(summaryMessage({ files: [{ path: 'a', diagnostics: [] }], summary: { error: 2, warning: 1 } }, 3), /错误 2，警告 1/);
  assert.match(summaryMessage({ files: [] }, 0), /没有 \.nianbao 文件/);
});
