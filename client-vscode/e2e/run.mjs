// End-to-end test of the .vsix in a real VS Code: code-server (npm) in Debian's Chromium, driven
// by playwright-core. Installs the extension, opens the blog program, and checks the squiggle,
// the Problems entry, the hover and the quick fix. Prints a JSON result; exits 1 on failure.
//
//   node e2e/run.mjs [--code-server BIN] [--vsix FILE] [--python EXE] [--example FILE] [--out DIR]
//
// Env: E2E_EXTRA_SETTINGS (JSON merged into the user settings), E2E_TIMEOUT_MS (per wait, 90000).
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const EXT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(EXT_ROOT, '..');
const VERSION = JSON.parse(readFileSync(join(EXT_ROOT, 'package.json'), 'utf8')).version;
const opt = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
};
const codeServer = opt('code-server', process.env.CODE_SERVER || join(homedir(), '.cache/code-server-prefix/bin/code-server'));
const vsix = resolve(opt('vsix', join(EXT_ROOT, `mpguard-${VERSION}.vsix`)));
const python = opt('python', 'python3');
const example = resolve(opt('example', join(REPO, 'examples', 'blog_closure_target.py')));
const outDir = resolve(opt('out', join(EXT_ROOT, 'e2e', 'out')));
const chromiumPath = opt('chromium', '/usr/bin/chromium');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 90000);
const FLAGGED = 'multiprocessing.Process(target=test_closure())';

mkdirSync(outDir, { recursive: true });
const t0 = Date.now();
const result = { ok: false, steps: {}, screenshots: {} };
const mark = (step, data = {}) => {
    result.steps[step] = { at_s: (Date.now() - t0) / 1000, ...data };
    console.error(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${step}${Object.keys(data).length ? ' ' + JSON.stringify(data) : ''}`);
};

function freePort() {
    return new Promise((ok, fail) => {
        const srv = createServer();
        srv.unref();
        srv.on('error', fail);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => ok(port));
        });
    });
}

async function waitForHealth(url, child, ms) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
        if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
        try {
            const res = await fetch(url);
            if (res.ok) return;
        } catch { /* not up yet */ }
        await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`code-server did not answer ${url} within ${ms} ms`);
}

function findFiles(dir, test, out = []) {
    if (!existsSync(dir)) return out;
    for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) findFiles(full, test, out);
        else if (test(full)) out.push(full);
    }
    return out;
}

/** Screen box of `word` inside the editor line that contains `lineText` (Monaco merges tokens into spans). */
async function wordBox(page, lineText, word) {
    return page.evaluate(([lineText, word]) => {
        const norm = (s) => s.replace(/\u00a0/g, ' ');
        const line = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')]
            .find((el) => norm(el.textContent).includes(lineText));
        if (!line) return null;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const nodes = [];
        let text = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            nodes.push([n, text.length]);
            text += norm(n.textContent);
        }
        const start = text.indexOf(word);
        if (start < 0) return null;
        const at = (offset) => {
            const [node, base] = nodes.filter(([, b]) => b <= offset).pop();
            return [node, offset - base];
        };
        const range = document.createRange();
        range.setStart(...at(start));
        range.setEnd(...at(start + word.length));
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
    }, [lineText, word]);
}

/** The text of the editor lines on screen, top to bottom. */
const editorText = (page) => page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-lines .view-line')]
    .map((el) => ({ top: parseFloat(el.style.top), text: el.textContent.replace(/\u00a0/g, ' ') }))
    .sort((a, b) => a.top - b.top).map((l) => l.text).join('\n'));
const squiggles = (page) => page.locator('.monaco-editor .view-overlays [class*="squiggly-"]:not(.squiggly-inline-unnecessary)');
const markerRows = (page) => page.locator('.markers-panel .monaco-tl-row');

async function command(page, title) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ timeout: TIMEOUT });
    await page.keyboard.type(title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^mpguard: /, '') }).first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');
}

async function openFile(page, name, waitText) {
    // Through the Explorer: a focused webview (the Markdown preview) swallows Ctrl+P.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().dblclick();
    if (waitText) await page.locator('.monaco-editor .view-line', { hasText: waitText }).first().waitFor({ timeout: TIMEOUT });
}

async function showProblems(page) {
    if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ timeout: TIMEOUT });
}

/** Focus the active editor and reveal a line (squiggles are drawn only on visible lines). */
async function goToLine(page, line) {
    await page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ timeout: TIMEOUT });
    await page.keyboard.type(String(line));
    await page.keyboard.press('Enter');
}

const activeSquiggles = (page) => page.locator('.editor-group-container.active .monaco-editor .view-overlays [class*="squiggly-"]:not(.squiggly-inline-unnecessary)');

/** Fix-all on save: the file on disk is rewritten by the source.fixAll.mpguard action. */
async function fixAllOnSave(page, path) {
    const before = readFileSync(path, 'utf8');
    await openFile(page, basename(path), 'test_closure');
    await showProblems(page);
    await markerRows(page).filter({ hasText: basename(path) }).first().waitFor({ timeout: TIMEOUT });
    await page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+S');
    const end = Date.now() + TIMEOUT;
    while (readFileSync(path, 'utf8') === before && Date.now() < end) await page.waitForTimeout(250);
    const after = readFileSync(path, 'utf8');
    if (after === before) throw new Error('saving did not apply the fixes (file unchanged on disk)');
    if (!/^def test_b\(\):/m.test(after)) throw new Error(`fix-all on save did not move test_b to module level:\n${after}`);
    result.fixOnSave = { changedLines: after.split('\n').filter((l, i) => l !== before.split('\n')[i]).length };
    mark('fix-all on save', result.fixOnSave);
}

/** "Explain a multiprocessing error" on a pasted Python 3.14 traceback: the rule's docs and the site. */
async function explainTraceback(page, path, line) {
    const traceback = [
        'Traceback (most recent call last):',
        `  File "/home/someone/project/${basename(path)}", line ${line + 1}, in <module>`,
        '    a.start()',
        '  File "/usr/lib/python3.14/multiprocessing/process.py", line 121, in start',
        '    self._popen = self._Popen(self)',
        "_pickle.PicklingError: Can't pickle local object <function test_closure.<locals>.test_b at 0x7f3b2c1d8a40>",
        "when serializing dict item '_target'",
        'when serializing multiprocessing.context.Process state',
    ].join('\n');
    await page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+N');
    await page.locator('.tab.active', { hasText: 'Untitled-2' }).first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.insertText(traceback);
    await page.keyboard.press('Control+A');
    await command(page, 'mpguard: Explain a multiprocessing error');
    const docLine = page.locator('.monaco-editor .view-line', { hasText: /#\s*MP201/ }).first();
    await docLine.waitFor({ timeout: TIMEOUT });
    await page.locator('.tab.active', { hasText: basename(path) }).first().waitFor({ timeout: TIMEOUT });
    await page.waitForTimeout(1500);
    const status = await page.locator('.statusbar-item[id*="selectionStatus"], #status\\.editor\\.selection').first().innerText().catch(() => '');
    result.explain = { doc: (await docLine.innerText()).replace(/\u00a0/g, ' ').trim(), cursor: status.trim() };
    mark('explain', result.explain);
    if (!new RegExp(`Ln ${line}\\b`).test(status)) throw new Error(`the cursor is not on line ${line}: ${status}`);
    await page.screenshot({ path: (result.screenshots.explain = join(outDir, 'vscode-explain.png')) });
    await page.keyboard.press('Escape');
}

/** A notebook: the pool in cell 2 uses cell 1's function: MP209 in cell 2, nothing in cell 1. */
async function notebookCells(page) {
    await openFile(page, 'analysis.ipynb');
    const cells = page.locator('.notebook-editor .cell-editor-container .monaco-editor');
    await cells.nth(1).waitFor({ timeout: TIMEOUT });
    const squigglyIn = (i) => cells.nth(i).locator('.view-overlays [class*="squiggly-"]:not(.squiggly-inline-unnecessary)');
    await squigglyIn(1).first().waitFor({ timeout: TIMEOUT });
    await showProblems(page);
    const row = markerRows(page).filter({ hasText: 'MP209' }).first();
    await row.waitFor({ timeout: TIMEOUT });
    result.notebook = {
        cell1: await squigglyIn(0).count(), cell2: await squigglyIn(1).count(),
        problem: (await row.innerText()).replace(/\s+/g, ' ').trim(),
    };
    mark('notebook', result.notebook);
    if (result.notebook.cell1 !== 0) throw new Error(`the first cell has squiggles: ${JSON.stringify(result.notebook)}`);
    if (!/double_it/.test(result.notebook.problem) || !/\[Ln 2,/.test(result.notebook.problem)) {
        throw new Error(`the MP209 problem is not on the pool's line of cell 2: ${result.notebook.problem}`);
    }
    await page.screenshot({ path: (result.screenshots.notebook = join(outDir, 'vscode-notebook.png')) });
}

/** lint.run = onSave: an edit that silences the finding leaves the squiggle until the file is saved. */
async function lintOnSave(page, userData, settings, path, line) {
    // Through the settings editor: code-server does not notice a settings file edited behind its back.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: basename(path) }).first().click();
    await command(page, 'Preferences: Open User Settings (JSON)');
    await page.locator('.tab.active', { hasText: 'settings.json' }).first().waitFor({ timeout: TIMEOUT });
    await page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify({ ...settings, 'mpguard.lint.run': 'onSave', 'editor.codeActionsOnSave': {} }, null, 2));
    await page.keyboard.press('Control+S');
    const logged = () => findFiles(join(userData, 'logs'), (f) => basename(f) === 'mpguard.log')
        .some((f) => readFileSync(f, 'utf8').includes('restarting the server'));
    const restartBy = Date.now() + TIMEOUT;
    while (!logged() && Date.now() < restartBy) await page.waitForTimeout(500);
    if (!logged()) throw new Error('changing mpguard.lint.run did not restart the server');
    await page.waitForTimeout(3000); // the new server starts and the open documents reach it
    await openFile(page, basename(path), 'test_closure');
    await goToLine(page, line);
    await activeSquiggles(page).first().waitFor({ timeout: TIMEOUT });
    const before = await activeSquiggles(page).count();
    await page.keyboard.press('End');
    await page.keyboard.insertText('  # noqa: MP201');
    await page.waitForTimeout(4000); // long enough for an onType server to have published (it takes < 1 s)
    const edited = await activeSquiggles(page).count();
    await page.keyboard.press('Control+S');
    const end = Date.now() + TIMEOUT;
    let saved = edited;
    while (saved >= before && Date.now() < end) {
        await page.waitForTimeout(250);
        saved = await activeSquiggles(page).count();
    }
    result.lintOnSave = { before, afterEdit: edited, afterSave: saved };
    mark('lint.run onSave', result.lintOnSave);
    if (edited !== before) throw new Error(`the edit changed the squiggles before the save: ${JSON.stringify(result.lintOnSave)}`);
    if (saved >= before) throw new Error(`saving did not update the squiggles: ${JSON.stringify(result.lintOnSave)}`);
}

async function main() {
    for (const [what, path] of [['code-server', codeServer], ['vsix', vsix], ['chromium', chromiumPath], ['example', example]]) {
        if (!existsSync(path)) throw new Error(`${what} not found at ${path}`);
    }
    const tmp = mkdtempSync(join(tmpdir(), 'mpguard-e2e-'));
    const userData = join(tmp, 'user');
    const extDir = join(tmp, 'extensions');
    const ws = join(tmp, 'workspace');
    for (const d of [join(userData, 'User'), extDir, ws, join(tmp, 'xdg')]) mkdirSync(d, { recursive: true });
    const file = join(ws, basename(example));
    copyFileSync(example, file);
    // Copies for fix-all on save and for lint.run = onSave, and a notebook whose pool (cell 2) uses cell 1's function.
    const fixOnSave = join(ws, 'fix_on_save.py');
    const onSave = join(ws, 'lint_on_save.py');
    copyFileSync(example, fixOnSave);
    copyFileSync(example, onSave);
    writeFileSync(join(ws, 'analysis.ipynb'), JSON.stringify({
        cells: [
            { cell_type: 'code', execution_count: null, metadata: {}, outputs: [],
                source: ['import multiprocessing\n', '\n', '\n', 'def double_it(x):\n', '    return x * 2\n'] },
            { cell_type: 'code', execution_count: null, metadata: {}, outputs: [],
                source: ['with multiprocessing.Pool(2) as pool:\n', '    print(pool.map(double_it, range(3)))\n'] },
        ],
        metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
            language_info: { name: 'python' } },
        nbformat: 4, nbformat_minor: 5,
    }, null, 1));
    const flaggedLine = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(FLAGGED)) + 1;
    if (!flaggedLine) throw new Error(`${example} has no line with ${FLAGGED}`);
    const settings = {
        'chat.disableAIFeatures': true,
        'mpguard.interpreter': [python],
        'mpguard.trace.server': 'messages',
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'editor.minimap.enabled': false,
        'editor.hover.delay': 200,
        'editor.hover.above': false,
        'editor.fontSize': 15,
        'git.enabled': false,
        'editor.codeActionsOnSave': { 'source.fixAll.mpguard': 'explicit' },
        'files.autoSave': 'off',
        'workbench.editor.languageDetection': false,
        'notebook.codeActionsOnSave': {},
        'update.mode': 'none',
        ...JSON.parse(process.env.E2E_EXTRA_SETTINGS || '{}'),
    };
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    const port = await freePort();
    writeFileSync(join(tmp, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const env = { ...process.env, VSCODE_CLI: '1', XDG_CONFIG_HOME: join(tmp, 'xdg'), XDG_DATA_HOME: join(tmp, 'xdg') };
    const common = ['--user-data-dir', userData, '--extensions-dir', extDir];

    execFileSync(codeServer, [...common, '--install-extension', vsix], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const installed = readdirSync(extDir).filter((n) => n.startsWith('mpguard.mpguard-'));
    if (!installed.length) throw new Error(`the .vsix did not install into ${extDir}`);
    mark('extension installed', { dir: installed[0] });

    const child = spawn(codeServer, [
        '--config', join(tmp, 'config.yaml'), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...common, ws,
    ], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let serverLog = '';
    child.stdout.on('data', (d) => { serverLog += d; });
    child.stderr.on('data', (d) => { serverLog += d; });
    let browser;
    try {
        await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, 60000);
        mark('code-server up', { port });
        browser = await chromium.launchPersistentContext(join(tmp, 'chromium'), {
            executablePath: chromiumPath,
            headless: true,
            viewport: { width: 1280, height: 900 },
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        });
        const page = browser.pages()[0] ?? (await browser.newPage());
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
        await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT });
        await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: TIMEOUT });
        mark('workbench loaded');

        // Open the file with Quick Open.
        await page.locator('.monaco-workbench').click({ position: { x: 640, y: 400 } }).catch(() => undefined);
        await page.keyboard.press('Control+P');
        await page.locator('.quick-input-widget input').waitFor({ timeout: TIMEOUT });
        await page.keyboard.type(basename(file));
        await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: TIMEOUT });
        await page.keyboard.press('Enter');
        await page.locator('.monaco-editor .view-line', { hasText: 'test_closure' }).first().waitFor({ timeout: TIMEOUT });
        mark('file opened');

        // 1. The squiggle and the Problems entry.
        await squiggles(page).first().waitFor({ timeout: TIMEOUT });
        const squigglesBefore = await squiggles(page).count();
        mark('squiggle shown', { squiggles: squigglesBefore });
        await page.keyboard.press('Control+Shift+M');
        const mp201 = markerRows(page).filter({ hasText: 'MP201' }).filter({ hasText: `[Ln ${flaggedLine},` }).first();
        await mp201.waitFor({ timeout: TIMEOUT });
        result.problem = (await mp201.innerText()).replace(/\s+/g, ' ').trim();
        mark('problems entry', { text: result.problem });
        if (!/mpguard/i.test(result.problem)) throw new Error(`Problems row does not name mpguard: ${result.problem}`);
        // Reveal the flagged line (the Problems panel may have pushed it out of view).
        await page.locator('.monaco-editor textarea').first().focus();
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').waitFor({ timeout: TIMEOUT });
        await page.keyboard.type(String(flaggedLine));
        await page.keyboard.press('Enter');
        await page.locator('.monaco-editor .view-line', { hasText: FLAGGED }).first().waitFor({ timeout: TIMEOUT });
        await page.waitForTimeout(300);
        await page.screenshot({ path: (result.screenshots.squiggle = join(outDir, 'vscode-squiggle.png')) });

        // 2. Hover over the flagged call and read the per-platform explanation (panel hidden: room for the hover).
        await page.keyboard.press('Control+J');
        await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
        await page.waitForTimeout(300);
        const box = await wordBox(page, FLAGGED, 'test_closure');
        if (!box) throw new Error(`line "${FLAGGED}" not found in the editor`);
        // A tall window: the hover's height is bounded by the editor's, and the screenshot shows all of it.
        await page.setViewportSize({ width: 1280, height: 4000 });
        await page.waitForTimeout(500);
        const tall = await wordBox(page, FLAGGED, 'test_closure');
        await page.mouse.move(tall.x + tall.width / 2, tall.y + tall.height / 2);
        const hover = page.locator('.monaco-hover:visible').filter({ hasText: /windows/i }).first();
        await hover.waitFor({ timeout: TIMEOUT });
        await page.waitForTimeout(500); // let the hover finish growing before the screenshot
        result.hover = (await hover.innerText()).trim();
        mark('hover shown', { chars: result.hover.length });
        if (!/fork\W+works/i.test(result.hover)) throw new Error(`hover does not say that fork works: ${result.hover}`);
        if (!result.hover.includes('test_closure.<locals>.test_b')) throw new Error(`hover lost <locals>: ${result.hover}`);
        const hoverBox = await hover.boundingBox();
        result.hoverScrolls = await hover.evaluate((el) => {
            const content = el.querySelector('.monaco-hover-content') || el;
            return content.scrollHeight > el.getBoundingClientRect().height + 2;
        });
        const editorBox = await page.locator('.monaco-editor').first().boundingBox();
        await page.screenshot({
            path: (result.screenshots.hover = join(outDir, 'vscode-hover.png')),
            clip: hoverBox && editorBox ? {
                x: editorBox.x, y: Math.max(0, Math.min(hoverBox.y, tall.y) - 60), width: Math.min(1280 - editorBox.x, 1100),
                height: Math.max(hoverBox.y + hoverBox.height, tall.y + tall.height) - Math.max(0, Math.min(hoverBox.y, tall.y) - 60) + 20,
            } : undefined,
        });
        mark('hover screenshot', { scrolls: result.hoverScrolls, height: hoverBox?.height });
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.waitForTimeout(500);

        // 3. Quick fix with Ctrl+. and the keyboard (a pointer-block overlay swallows clicks).
        const again = await wordBox(page, FLAGGED, 'test_closure');
        await page.mouse.click(again.x + 2, again.y + again.height / 2);
        await page.keyboard.press('Escape');
        result.editorBefore = await editorText(page);
        await page.keyboard.press('Control+.');
        const menu = page.locator('.action-widget:visible').first();
        await menu.waitFor({ timeout: TIMEOUT });
        await page.waitForTimeout(300);
        result.quickFixMenu = (await menu.innerText()).split('\n').map((s) => s.trim()).filter(Boolean);
        mark('quick fix menu', { items: result.quickFixMenu });
        await page.screenshot({ path: (result.screenshots.quickfix = join(outDir, 'vscode-quickfix.png')) });
        await page.keyboard.press('Enter');

        // 4. The fix rewrites the code and the diagnostic goes away.
        await page.waitForTimeout(500);
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
        await page.waitForTimeout(500);
        await markerRows(page).filter({ hasText: 'MP201' }).filter({ hasText: `[Ln ${flaggedLine},` }).first()
            .waitFor({ state: 'detached', timeout: TIMEOUT });
        await page.waitForTimeout(1000);
        const squigglesAfter = await squiggles(page).count();
        result.editorAfter = await editorText(page);
        mark('fix applied', { chosen: result.quickFixMenu.find((item) => item !== 'Quick Fix'), squigglesBefore, squigglesAfter });
        if (squigglesAfter >= squigglesBefore) throw new Error(`squiggles did not decrease (${squigglesBefore} -> ${squigglesAfter})`);
        if (result.editorAfter === result.editorBefore) throw new Error('the quick fix did not change the code');
        await page.screenshot({ path: (result.screenshots.fixed = join(outDir, 'vscode-fixed.png')) });

        // 5. "mpguard: Show Rule Documentation" asks for a code and shows the server's markdown.
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').waitFor({ timeout: TIMEOUT });
        await page.keyboard.type('mpguard: Show Rule Documentation');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Rule Documentation' }).first().waitFor({ timeout: TIMEOUT });
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget', { hasText: 'Rule code' }).waitFor({ timeout: TIMEOUT });
        await page.keyboard.type('MP201');
        await page.keyboard.press('Enter');
        const docLine = page.locator('.monaco-editor .view-line', { hasText: /#\s*MP201/ }).first();
        await docLine.waitFor({ timeout: TIMEOUT });
        result.ruleDoc = (await docLine.innerText()).replace(/\u00a0/g, ' ').trim();
        mark('rule documentation shown', { firstLine: result.ruleDoc });
        await page.waitForTimeout(1000);
        await page.screenshot({ path: (result.screenshots.ruleDoc = join(outDir, 'vscode-ruledoc.png')) });

        await fixAllOnSave(page, fixOnSave);
        await explainTraceback(page, onSave, flaggedLine);
        await notebookCells(page);
        await lintOnSave(page, userData, settings, onSave, flaggedLine);
        result.ok = true;
    } catch (err) {
        result.error = String(err?.stack || err);
        if (browser) {
            const page = browser.pages()[0];
            if (page) await page.screenshot({ path: (result.screenshots.failure = join(outDir, 'failure.png')) }).catch(() => undefined);
        }
        result.codeServerLog = serverLog.slice(-3000);
        result.extensionLog = findFiles(join(userData, 'logs'), (f) => /mpguard/i.test(basename(f)))
            .map((f) => `== ${f}\n${readFileSync(f, 'utf8').slice(-4000)}`).join('\n');
    } finally {
        await browser?.close().catch(() => undefined);
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
        if (result.ok) rmSync(tmp, { recursive: true, force: true });
        else result.tmp = tmp;
    }
}

main().catch((err) => { result.error = String(err?.stack || err); }).finally(() => {
    result.wall_s = (Date.now() - t0) / 1000;
    writeFileSync(join(outDir, 'result.json'), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
    process.exit(result.ok ? 0 : 1);
});
