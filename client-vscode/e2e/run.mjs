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
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        const hover = page.locator('.monaco-hover:visible').filter({ hasText: /windows/i }).first();
        await hover.waitFor({ timeout: TIMEOUT });
        await page.waitForTimeout(500); // let the hover finish growing before the screenshot
        result.hover = (await hover.innerText()).trim();
        mark('hover shown', { chars: result.hover.length });
        if (!/fork\W+works/i.test(result.hover)) throw new Error(`hover does not say that fork works: ${result.hover}`);
        // The hover is at most ~250 px tall: scroll it to the per-platform table for the screenshot.
        const hoverBox = await hover.boundingBox();
        if (hoverBox) {
            await page.mouse.move(hoverBox.x + hoverBox.width / 2, hoverBox.y + hoverBox.height / 2);
            await page.mouse.wheel(0, 110);
            await page.waitForTimeout(150);
            await page.mouse.wheel(0, 110);
            await page.waitForTimeout(400);
        }
        await page.screenshot({ path: (result.screenshots.hover = join(outDir, 'vscode-hover.png')) });

        // 3. Quick fix with Ctrl+. and the keyboard (a pointer-block overlay swallows clicks).
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        await page.mouse.click(box.x + 2, box.y + box.height / 2);
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
