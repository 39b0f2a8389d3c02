// End-to-end test of the VS Code extension in the real workbench:
// code-server (npm) with the packaged .vsix installed, opened in Debian's
// Chromium driven by playwright-core, on a workspace holding the example
// reports and the test fixtures. Checks what a person sees: the language
// mode, colouring, the Problems panel listing the example's defects, the
// hover over an article reference, completion of a standard label in a 表三
// row, the workspace check command and the HTML command. A screenshot of
// each step goes to $NIANBAO_E2E_OUT/vscode-screenshots/ (printed).
//
//   NIANBAO_VSIX=path.vsix node tests/e2e/vscode/test.mjs
//
// Environment: NIANBAO_VSIX (required), NIANBAO_E2E_OUT (default
// tests/e2e/out), CHROMIUM (default /usr/bin/chromium), NIANBAO_E2E_KEEP=1
// keeps the temporary folder.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const e2e = path.resolve(here, '..');
const out = path.resolve(process.env.NIANBAO_E2E_OUT ?? path.join(e2e, 'out'));
const shots = path.join(out, 'vscode-screenshots');
const vsix = process.env.NIANBAO_VSIX && path.resolve(process.env.NIANBAO_VSIX);
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const entry = path.join(e2e, 'node_modules/code-server/out/node/entry.js');
const TIMEOUT = Number(process.env.NIANBAO_E2E_TIMEOUT ?? 30_000);
const started = Date.now();

if (!vsix || !fs.existsSync(vsix)) {
  console.error('NIANBAO_VSIX must name the packaged extension (editors/vscode/scripts/package.sh)');
  process.exit(2);
}

fs.rmSync(shots, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });
const results = [];
let passed = 0;
let failed = 0;
let shotNo = 0;

function log(line) {
  results.push(line);
  console.log(line);
}

function check(name, ok, detail) {
  if (ok) {
    passed++;
    log(`ok   ${name}`);
  } else {
    failed++;
    log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
  }
  return ok;
}

// ───────────────────────────── the workbench ─────────────────────────────

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-vscode-'));
const dirs = {
  data: path.join(tmp, 'data'),
  ext: path.join(tmp, 'extensions'),
  ws: path.join(tmp, '年度报告'),
  chrome: path.join(tmp, 'chromium-profile'),
  xdg: path.join(tmp, 'xdg'),
};
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
for (const src of [path.join(root, 'examples'), path.join(e2e, 'fixtures')]) {
  for (const f of fs.readdirSync(src)) {
    if (f.endsWith('.nianbao')) fs.copyFileSync(path.join(src, f), path.join(dirs.ws, f));
  }
}
fs.mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(dirs.data, 'User/settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'workbench.tips.enabled': false,
      'workbench.colorTheme': 'Default Dark Modern',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'editor.minimap.enabled': false,
      'editor.fontSize': 15,
      'editor.hover.delay': 200,
      'window.commandCenter': false,
      'chat.commandCenter.enabled': false,
      'workbench.editor.enablePreview': false,
      'files.hotExit': 'off',
    },
    null,
    2,
  ),
);

const env = {
  ...process.env,
  XDG_CONFIG_HOME: dirs.xdg,
  XDG_DATA_HOME: dirs.xdg,
  XDG_CACHE_HOME: dirs.xdg,
  // Keep the test's own code-server config out of ~/.config.
  HOME: process.env.HOME,
};
const common = ['--user-data-dir', dirs.data, '--extensions-dir', dirs.ext, '--config', path.join(tmp, 'config.yaml')];

const install = spawnSync(process.execPath, [entry, ...common, '--install-extension', vsix, '--force'], {
  env,
  encoding: 'utf8',
});
check(
  `code-server --install-extension ${path.basename(vsix)}`,
  install.status === 0 && /successfully installed/.test(install.stdout),
  install.stdout + install.stderr,
);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const serverLog = fs.createWriteStream(path.join(out, 'code-server.log'));
const server = spawn(
  process.execPath,
  [
    entry,
    ...common,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    dirs.ws,
  ],
  // Its own process group, so that the extension host and the language
  // server it starts end with it.
  { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
server.stdout.pipe(serverLog);
server.stderr.pipe(serverLog);

async function waitForServer() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) return false;
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return true;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

let context;
let page;

async function shot(name) {
  shotNo++;
  const file = path.join(shots, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  try {
    await page.screenshot({ path: file });
  } catch (e) {
    log(`(screenshot ${name} failed: ${e.message})`);
  }
  return file;
}

async function step(name, fn) {
  log(`-- ${name}`);
  try {
    // Close whatever a failed step may have left open.
    if (page) for (let i = 0; i < 2; i++) await page.keyboard.press('Escape');
    await fn();
  } catch (e) {
    check(name, false, e.stack ?? String(e));
    if (page) await shot(`${name.replace(/[^\w一-龥]+/g, '-')}-error`);
  }
}

// ───────────────────────────── helpers ─────────────────────────────

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until fn() (run in node) returns a truthy value, or returns false. */
async function until(fn, ms = TIMEOUT) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) return false;
    await sleep(150);
  }
}

async function runCommand(label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${label}`);
  const item = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).first();
  await item.waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.keyboard.press('Enter');
}

async function openFile(name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // Enter only once the list has caught up with the filter.
  const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: TIMEOUT });
  await page.locator('.editor-instance .view-lines').first().waitFor();
  await sleep(300);
}

async function goToLine(line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await sleep(300);
}

/** Rows of the Problems panel, as text (the rows on screen: the list is
 *  virtual), optionally filtered with the panel's filter box. */
async function problems(filter) {
  if (filter !== undefined) {
    const box = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
    await box.fill(filter);
    await sleep(500);
  }
  return page.locator('.markers-panel .monaco-list-row').allInnerTexts();
}

/** Screen rectangle of the first occurrence of `needle` in the editor's
 *  rendered lines, found through the DOM text nodes. */
async function textRect(needle) {
  return page.evaluate((needle) => {
    const lines = document.querySelectorAll('.editor-instance .view-lines .view-line');
    for (const line of lines) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      // The whole line's text, with the text node of each offset.
      const nodes = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, start: text.length });
        text += n.textContent;
      }
      const at = text.replace(/\u00a0/g, ' ').indexOf(needle);
      if (at < 0) continue;
      const locate = (offset) => {
        for (let i = nodes.length - 1; i >= 0; i--) {
          if (nodes[i].start <= offset) return { node: nodes[i].node, offset: offset - nodes[i].start };
        }
        return null;
      };
      const a = locate(at);
      const b = locate(at + needle.length - 1);
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset + 1);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return null;
  }, needle);
}

/** Colour of the token that renders `needle`. */
async function tokenColor(needle) {
  return page.evaluate((needle) => {
    for (const span of document.querySelectorAll('.editor-instance .view-lines .view-line span span')) {
      if (span.textContent.includes(needle)) return getComputedStyle(span).color;
    }
    return null;
  }, needle);
}

async function visibleText(selector) {
  return page.evaluate((selector) => {
    return [...document.querySelectorAll(selector)]
      .filter((e) => e.offsetParent !== null || getComputedStyle(e).position === 'fixed')
      .map((e) => e.innerText)
      .join('\n');
  }, selector);
}

// ───────────────────────────── the steps ─────────────────────────────

const exampleLines = fs.readFileSync(path.join(root, 'examples/suizhong-2023.nianbao'), 'utf8').split('\n');
const lineOf = (needle) => exampleLines.findIndex((l) => l.includes(needle)) + 1;
const PARTIAL = '（二）部分公开（区分处理的，只计这一情形，不计其他情形）';

try {
  await step('code-server starts', async () => {
    check(`code-server listens on 127.0.0.1:${port}`, await waitForServer());
  });

  await step('Chromium opens the workbench', async () => {
    context = await chromium.launchPersistentContext(dirs.chrome, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1600, height: 1000 },
      locale: 'zh-CN',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.ws)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'suizhong-2023.nianbao' }).waitFor({
      timeout: 60_000,
    });
    check('the workspace of example reports is open', true);
  });

  await step('a .nianbao file opens in the nianbao language, coloured', async () => {
    await openFile('suizhong-2023.nianbao');
    const mode = await until(async () => {
      const t = await page.locator('.statusbar').innerText();
      return t.includes('nianbao') ? t : false;
    });
    check('status bar shows the language mode 年度报告 (nianbao)', Boolean(mode), await page.locator('.statusbar').innerText());
    const heading = await tokenColor('一、总体情况');
    const number = await tokenColor('2471');
    const prose = await tokenColor('乡村振兴');
    check(
      'headings, figures and prose have different colours',
      heading && number && prose && new Set([heading, number, prose]).size === 3,
      `heading ${heading}, number ${number}, prose ${prose}`,
    );
    await shot('suizhong-coloured');
  });

  await step('the Problems panel lists the defects of suizhong-2023', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible' });
    const rows = await until(async () => {
      const r = await problems();
      const text = r.join('\n');
      return text.includes('2347') && text.includes('本年制发件数') ? r : false;
    }, 60_000);
    const text = (rows || (await problems())).join('\n');
    check(
      'prose-breakdown: “其中”各项之和为 2347…与总数 2471 不符',
      /其中.*2347.*2471/.test(text) && text.includes('prose-breakdown'),
      text,
    );
    check('label-variant: 本年发件 → 本年制发件数', /本年发件.*本年制发件数/.test(text) && text.includes('label-variant'), text);
    check('label-variant: 现行有效件 → 现行有效件数', /现行有效件.*现行有效件数/.test(text), text);
    // Positions after CJK text: the Problems row carries [line, column].
    const line = lineOf('共发布各类信息2471条。其中');
    const col = exampleLines[line - 1].indexOf('2471') + 1;
    check(`prose-breakdown at [Ln ${line}, Col ${col}] (UTF-16 columns)`, text.includes(`[Ln ${line}, Col ${col}]`), text);
    await shot('problems-suizhong');
  });

  await step('hovering an article reference shows the text of the 条例', async () => {
    await openFile('wrong-total.nianbao');
    const rect = await until(() => textRect('第五十条'));
    check('第五十条 is on screen', Boolean(rect));
    let hover = '';
    const shown = await until(async () => {
      await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
      await sleep(400);
      hover = await visibleText('.monaco-hover');
      if (hover.includes('政府信息公开工作年度报告')) return true;
      await page.mouse.move(5, 5);
      return false;
    });
    check('hover over 第五十条 shows “政府信息公开工作年度报告应当包括…”', shown, hover);
    await shot('hover-article-50');
    await page.mouse.move(5, 5);

    // A reference with a clause, in a table header of the example.
    await openFile('suizhong-2023.nianbao');
    await goToLine(lineOf('| 第二十条第(一)项'));
    const r2 = await until(() => textRect('第二十条第(一)项'));
    let hover2 = '';
    const shown2 = await until(async () => {
      await page.mouse.move(r2.x + 10, r2.y + r2.height / 2);
      await sleep(400);
      hover2 = await visibleText('.monaco-hover');
      if (hover2.includes('第二十条') && hover2.includes('规章')) return true;
      await page.mouse.move(5, 5);
      return false;
    });
    check('hover over 第二十条第(一)项 shows its item (行政法规、规章和规范性文件)', shown2, hover2);
    await shot('hover-article-20-1');
    await page.mouse.move(5, 5);
  });

  await step('typing in a 表三 row offers the standard labels', async () => {
    await openFile('suizhong-2023.nianbao');
    // Retype the row of （二）部分公开.
    const line = lineOf('| (二)部分公开');
    await goToLine(line);
    // Document symbols: the breadcrumbs name the section and the table.
    const crumbs = await page.locator('.breadcrumbs-control').first().innerText().catch(() => '');
    check('breadcrumbs (document symbols) show 三、收到和处理政府信息公开申请情况 › 表三', crumbs.includes('三、收到和处理政府信息公开申请情况') && crumbs.includes('表三'), crumbs);
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete');
    await page.keyboard.type('| ');
    await page.keyboard.insertText('（二');
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.editor-widget.suggest-widget');
    const items = await until(async () => {
      const t = await widget.innerText().catch(() => '');
      return t.includes('部分公开') ? t : false;
    });
    check(`the suggestion list offers ${PARTIAL}`, Boolean(items), await widget.innerText().catch(() => 'no suggest widget'));
    await shot('completion-table3');
    await page.keyboard.press('Enter');
    await sleep(300);
    const text = await page.locator('.editor-instance .view-line').allInnerTexts();
    // （ is auto-closed as it is typed: the item replaces the whole cell.
    const row = text.map((t) => t.replace(/\u00a0/g, ' ')).find((t) => t.includes('部分公开'));
    check('accepting it writes the standard label into the row', row !== undefined && row.startsWith(`| ${PARTIAL}`) && !row.includes(`${PARTIAL}）`), row ?? text.join('\n'));
    await shot('completion-accepted');
    // Leave the file as it was.
    await page.keyboard.press('Escape');
    await runCommand('File: Revert File');
    await sleep(300);
  });

  await step('quick fix of a wrong 表三 total', async () => {
    await openFile('wrong-total.nianbao');
    const fixtureLines = fs.readFileSync(path.join(e2e, 'fixtures/wrong-total.nianbao'), 'utf8').split('\n');
    const line = fixtureLines.findIndex((l) => l.startsWith('| 一、本年新收')) + 1;
    await goToLine(line);
    await page.keyboard.press('End');
    // Onto the total “15”, before the closing “ |”.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    const fix = await until(async () => {
      const t = await menu.innerText().catch(() => '');
      return t.includes('改为 12') ? t : false;
    });
    check('Ctrl+. on the total offers the quick fix “改为 12”', Boolean(fix), await menu.innerText().catch(() => 'no menu'));
    await shot('quick-fix-menu');
    // The fix is the first, focused entry: apply it as a user would.
    const focused = await menu.locator('.monaco-list-row.focused').innerText().catch(() => '');
    check('the quick fix is the preselected entry', focused.includes('改为 12'), focused);
    await page.keyboard.press('Enter');
    const fixed = await until(async () => {
      const rows = await page.locator('.editor-instance .view-line').allInnerTexts();
      return rows.map((t) => t.replace(/\u00a0/g, ' ')).find((t) => t.startsWith('| 一、本年新收') && t.endsWith('| 12 |'));
    });
    check('the total becomes 12 in the editor', Boolean(fixed));
    await shot('quick-fix-applied');
    await runCommand('File: Revert File');
    await sleep(300);
  });

  await step('rule levels from the settings reach the server', async () => {
    await openFile('suizhong-2023.nianbao');
    // Workspace settings, as a user would write them in .vscode/settings.json.
    const settingsFile = path.join(dirs.ws, '.vscode/settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const original = '{}\n';
    fs.writeFileSync(settingsFile, JSON.stringify({ 'nianbao.rules': { 'prose-breakdown': 'off' } }, null, 2));
    const gone = await until(async () => {
      const t = (await problems('suizhong')).join('\n');
      return t.includes('本年制发件数') && !t.includes('2347');
    });
    check('"nianbao.rules": {"prose-breakdown": "off"} removes the prose-breakdown problem', gone, (await problems('suizhong')).join('\n'));
    await shot('settings-rule-off');
    fs.writeFileSync(settingsFile, original);
    const back = await until(async () => (await problems('suizhong')).join('\n').includes('2347'));
    check('removing the setting brings it back', back);
    await problems('');
  });

  await step('nianbao: check the whole workspace into the Problems panel', async () => {
    await runCommand('nianbao: 检查工作区');
    const note = await until(async () => {
      const t = await visibleText('.notifications-toasts');
      return /检查了 \d+ 份报告/.test(t) ? t : false;
    }, 60_000);
    check('a notification sums up the check (检查了 N 份报告…)', Boolean(note), await visibleText('.notifications-toasts'));
    await sleep(800); // the toast slides in
    await shot('check-workspace');
    let text = (await problems('panzhihua')).join('\n');
    check('deadline of panzhihua-dongqu-2011 (发布日期 2012-10-22 晚于法定期限) listed', text.includes('晚于法定期限'), text);
    check('placeholder “()” of panzhihua-dongqu-2011 listed', text.includes('占位符'), text);
    await shot('check-workspace-panzhihua');
    text = (await problems('meixian')).join('\n');
    check('table-missing of meixian-2020 listed', text.includes('缺少2019年格式'), text);
    await shot('check-workspace-meixian');
    await problems('');
  });

  await step('nianbao: render the report to HTML', async () => {
    await openFile('suizhong-2023.nianbao');
    const bin = path.join(dirs.ext, fs.readdirSync(dirs.ext).find((d) => d.startsWith('nianbao.')) ?? '', 'server/nianbao');
    const hasRender = spawnSync(bin, ['render', '--help']).status === 0;
    await runCommand('nianbao: 生成 HTML');
    const html = path.join(dirs.ws, 'suizhong-2023.html');
    const note = await until(async () => {
      const t = await visibleText('.notifications-toasts');
      return /已生成|生成 HTML 失败/.test(t) ? t : false;
    });
    if (hasRender) {
      check('render: “已生成 suizhong-2023.html” and the file exists', /已生成/.test(note || '') && fs.existsSync(html), note);
      await sleep(800); // the toast slides in
      await shot('render-html');
      // The page itself, in the same browser.
      const view = await context.newPage();
      await view.goto(`file://${html}`);
      const body = await view.locator('body').innerText();
      check('the HTML page shows the report and its tables', body.includes('绥中县') && (await view.locator('table').count()) > 0, body.slice(0, 200));
      shotNo++;
      await view.screenshot({ path: path.join(shots, `${String(shotNo).padStart(2, '0')}-rendered-page.png`), fullPage: false });
      await view.close();
      return;
    } else {
      check('render (subcommand missing in this build): an error message is shown', /生成 HTML 失败/.test(note || ''), note);
    }
    await sleep(800); // the toast slides in
    await shot('render-html');
  });
} finally {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`screenshots: ${shots}`);
  log(`vscode e2e: ${seconds} s`);
  log(`${passed} passed, ${failed} failed`);
  fs.writeFileSync(path.join(out, 'vscode-results.txt'), results.join('\n') + '\n');
  if (context) await context.close().catch(() => undefined);
  const killGroup = (signal) => {
    try {
      process.kill(-server.pid, signal);
    } catch {
      /* already gone */
    }
  };
  killGroup('SIGTERM');
  await sleep(500);
  killGroup('SIGKILL');
  if (!process.env.NIANBAO_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  else log(`kept ${tmp}`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}
