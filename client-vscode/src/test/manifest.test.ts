// package.json and .vscodeignore agree with the code that reads them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import {
    IMPORT_STRATEGIES, LOG_LEVELS, NOTIFICATION_LEVELS, PLATFORMS, PREFERENCES, readSettings, RESTART_KEYS, RUN_MODES,
    SERVER_KEYS, SEVERITIES,
} from '../common/settings';

const EXT_ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(EXT_ROOT, 'package.json'), 'utf8'));
const props: Record<string, { default: unknown; description?: string; enum?: string[]; items?: { enum?: string[] }; additionalProperties?: { enum?: string[] } }> =
    manifest.contributes.configuration.properties;

test('every setting has a description and a default, and the defaults read back unchanged', () => {
    const expected = ['enable', 'targets', 'pythonVersion', 'select', 'ignore', 'severity', 'showNotifications', 'trace.server',
        'interpreter', 'importStrategy', 'lint.run', 'path', 'args', 'configurationPreference',
        'codeAction.fixViolation.enable', 'codeAction.disableRuleComment.enable', 'fixAll', 'logLevel', 'logFile'];
    assert.deepEqual(Object.keys(props).sort(), expected.map((k) => `mpguard.${k}`).sort());
    for (const [key, p] of Object.entries(props)) {
        assert.ok(p.description && p.description.length > 20, `${key} needs a description`);
        assert.ok('default' in p, `${key} needs a default`);
    }
    const defaults = readSettings({ get: <T>(k: string) => props[`mpguard.${k}`]?.default as T });
    assert.deepEqual(defaults.targets, props['mpguard.targets'].default);
    assert.equal(defaults.showNotifications, props['mpguard.showNotifications'].default);
    assert.equal(defaults.importStrategy, props['mpguard.importStrategy'].default);
    assert.equal(defaults.enable, props['mpguard.enable'].default);
    assert.equal(defaults.lintRun, props['mpguard.lint.run'].default);
    assert.deepEqual(defaults.path, props['mpguard.path'].default);
    assert.deepEqual(defaults.args, props['mpguard.args'].default);
    assert.equal(defaults.configurationPreference, props['mpguard.configurationPreference'].default);
    assert.equal(defaults.fixViolation, props['mpguard.codeAction.fixViolation.enable'].default);
    assert.equal(defaults.disableRuleComment, props['mpguard.codeAction.disableRuleComment.enable'].default);
    assert.equal(defaults.fixAll, props['mpguard.fixAll'].default);
    assert.equal(defaults.logLevel, props['mpguard.logLevel'].default);
    assert.equal(defaults.logFile, props['mpguard.logFile'].default);
});

test('every setting either restarts the server, is pushed to it, or is the client\'s own', () => {
    const own = ['mpguard.showNotifications', 'mpguard.trace.server'];
    for (const key of Object.keys(props)) {
        const handled = RESTART_KEYS.some((k) => key === k || key.startsWith(`${k}.`)) ||
            SERVER_KEYS.some((k) => key === k || key.startsWith(`${k}.`)) || own.includes(key);
        assert.ok(handled, `${key} is neither a restart key nor a server key`);
    }
});

test('untrusted and virtual workspaces are declared; executables are restricted', () => {
    const caps = manifest.capabilities;
    assert.equal(caps.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual([...caps.untrustedWorkspaces.restrictedConfigurations].sort(),
        ['mpguard.args', 'mpguard.importStrategy', 'mpguard.interpreter', 'mpguard.path']);
    assert.equal(caps.virtualWorkspaces.supported, false);
    assert.match(manifest.repository.url, /github\.com\/mpguard\/mpguard/);
    assert.ok(fs.existsSync(path.join(EXT_ROOT, manifest.icon)), 'the icon file exists');
    assert.ok(fs.existsSync(path.join(EXT_ROOT, 'CHANGELOG.md')), 'the extension has a CHANGELOG');
});

test('enums in package.json match the ones the code accepts', () => {
    assert.deepEqual(props['mpguard.targets'].items?.enum, [...PLATFORMS]);
    assert.deepEqual(props['mpguard.severity'].additionalProperties?.enum, [...SEVERITIES]);
    assert.deepEqual(props['mpguard.showNotifications'].enum, [...NOTIFICATION_LEVELS]);
    assert.deepEqual(props['mpguard.importStrategy'].enum, [...IMPORT_STRATEGIES]);
    assert.deepEqual(props['mpguard.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.deepEqual(props['mpguard.lint.run'].enum, [...RUN_MODES]);
    assert.deepEqual(props['mpguard.configurationPreference'].enum, [...PREFERENCES]);
    assert.deepEqual(props['mpguard.logLevel'].enum, [...LOG_LEVELS]);
});

test('activation, commands and dependencies', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:python', 'workspaceContains:**/*.py', 'onNotebook:jupyter-notebook']);
    const commands = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(commands, ['mpguard.explainError', 'mpguard.explainTerminalSelection', 'mpguard.fixAllCommand', 'mpguard.migrateReport',
        'mpguard.restart', 'mpguard.showDebugInfo', 'mpguard.showLogs', 'mpguard.showRuleDocumentation']);
    const titles = manifest.contributes.commands.map((c: { category: string; title: string }) => `${c.category}: ${c.title}`);
    for (const title of ['mpguard: Show logs', 'mpguard: Show debug info', 'mpguard: Explain a multiprocessing error']) {
        assert.ok(titles.includes(title), title);
    }
    assert.ok(!(manifest.extensionDependencies ?? []).includes('ms-python.python'),
        'ms-python.python must not be a hard dependency');
    assert.equal(manifest.main, './dist/extension.js');
});

test('the launcher shipped in the .vsix exists', () => {
    assert.ok(fs.existsSync(path.join(EXT_ROOT, 'bundled', 'tool', 'launch.py')));
    const ignore = fs.readFileSync(path.join(EXT_ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!bundled\/tool\/launch\.py$/m);
    assert.match(ignore, /^!dist\/extension\.js$/m);
});

test('bundle_python reads the dependencies from pyproject.toml and drops markers', async () => {
    const load = new Function('p', 'return import(p)') as (p: string) => Promise<{ dependencies(t: string): string[] }>;
    const mod = await load(path.join(EXT_ROOT, 'scripts', 'bundle_python.mjs'));
    const text = '[project]\nname = "x"\ndependencies = [\n    "pygls>=2.1,<3",\n    "tomli>=1.1; python_version < \'3.11\'",\n]\n';
    assert.deepEqual(mod.dependencies(text), ['pygls>=2.1,<3', 'tomli>=1.1']);
    assert.throws(() => mod.dependencies('[project]\nname = "x"\n'), /no \[project\] dependencies/);
});
