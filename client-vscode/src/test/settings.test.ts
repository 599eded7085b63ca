import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { changeAction, ConfigSource, readSettings, serverCommand, serverSettings, shouldNotify, substitute } from '../common/settings';

const EDITOR_DEFAULTS = {
    enable: true, lint: { run: 'onType' }, configurationPreference: 'editorFirst',
    codeAction: { fixViolation: { enable: true }, disableRuleComment: { enable: true } }, fixAll: true, logLevel: 'info',
};

function config(values: Record<string, unknown>): ConfigSource {
    return { get: <T>(key: string) => values[key] as T | undefined };
}

test('defaults when nothing is set', () => {
    const s = readSettings(config({}));
    assert.deepEqual(s, {
        targets: [], pythonVersion: '', select: [], ignore: [], severity: {},
        showNotifications: 'onError', interpreter: [], importStrategy: 'useBundled',
        enable: true, lintRun: 'onType', path: [], args: [], configurationPreference: 'editorFirst',
        fixViolation: true, disableRuleComment: true, fixAll: true, logLevel: 'info', logFile: '',
    });
    assert.deepEqual(serverSettings(s), EDITOR_DEFAULTS, 'unset analysis settings must not override pyproject.toml');
});

test('normalises targets, codes and severities', () => {
    const s = readSettings(config({
        targets: ['Windows', 'linux', 'windows', 'solaris', 3],
        pythonVersion: ' 3.9-3.14 ',
        select: ['mp2', ' MP3 ', ''],
        ignore: 'mp201,mp202',
        severity: { mp201: 'Error', MP202: 'loud', MP203: 'hint', '': 'error' },
    }));
    assert.deepEqual(s.targets, ['windows', 'linux']);
    assert.equal(s.pythonVersion, '3.9-3.14');
    assert.deepEqual(s.select, ['MP2', 'MP3']);
    assert.deepEqual(s.ignore, ['MP201', 'MP202']);
    assert.deepEqual(s.severity, { MP201: 'error', MP203: 'hint' });
    assert.deepEqual(serverSettings(s), {
        targets: ['windows', 'linux'], pythonVersion: '3.9-3.14', select: ['MP2', 'MP3'],
        ignore: ['MP201', 'MP202'], severity: { MP201: 'error', MP203: 'hint' }, ...EDITOR_DEFAULTS,
    });
});

test('serverSettings leaves out only the empty values', () => {
    const s = readSettings(config({ select: ['MP1'], pythonVersion: '' }));
    assert.deepEqual(serverSettings(s), { select: ['MP1'], ...EDITOR_DEFAULTS });
});

test('enums fall back to their defaults on bad values', () => {
    const s = readSettings(config({ showNotifications: 'sometimes', importStrategy: 'FROMENV' }));
    assert.equal(s.showNotifications, 'onError');
    assert.equal(s.importStrategy, 'useBundled');
    const t = readSettings(config({ showNotifications: 'always', importStrategy: 'fromEnvironment' }));
    assert.equal(t.showNotifications, 'always');
    assert.equal(t.importStrategy, 'fromEnvironment');
});

test('interpreter accepts a string or an array and expands variables', () => {
    assert.deepEqual(readSettings(config({ interpreter: '/usr/bin/python3' })).interpreter, ['/usr/bin/python3']);
    assert.deepEqual(readSettings(config({ interpreter: '  ' })).interpreter, []);
    const s = readSettings(config({ interpreter: ['${workspaceFolder}/.venv/bin/python', '-X', 'utf8'] }), '/proj');
    assert.deepEqual(s.interpreter, ['/proj/.venv/bin/python', '-X', 'utf8']);
    assert.equal(substitute('~/py/bin/python'), path.join(os.homedir(), 'py/bin/python'));
    assert.equal(substitute('${env:PYDIR}/python', undefined, { PYDIR: '/opt/py' }), '/opt/py/python');
    assert.equal(substitute('${userHome}/x'), `${os.homedir()}/x`);
    assert.equal(substitute('${workspaceFolder}/x'), '${workspaceFolder}/x', 'no folder: left as is');
});

test('interpreter and import strategy changes restart; analysis changes are pushed', () => {
    const only = (key: string) => (k: string) => k === key;
    assert.equal(changeAction(only('mpguard.interpreter')), 'restart');
    assert.equal(changeAction(only('mpguard.importStrategy')), 'restart');
    assert.equal(changeAction(only('mpguard.targets')), 'push');
    assert.equal(changeAction(only('mpguard.severity')), 'push');
    assert.equal(changeAction(only('mpguard.showNotifications')), 'none');
    assert.equal(changeAction(only('editor.fontSize')), 'none');
});

test('showNotifications levels', () => {
    const table: Array<[Parameters<typeof shouldNotify>[0], boolean, boolean, boolean]> = [
        ['off', false, false, false],
        ['onError', true, false, false],
        ['onWarning', true, true, false],
        ['always', true, true, true],
    ];
    for (const [level, error, warning, info] of table) {
        assert.deepEqual(
            [shouldNotify(level, 'error'), shouldNotify(level, 'warning'), shouldNotify(level, 'info')],
            [error, warning, info], level);
    }
});

test('editor settings: nested keys, enums, and what the server receives', () => {
    const s = readSettings(config({
        enable: false, 'lint.run': 'onSave', configurationPreference: 'editorOnly', 'codeAction.fixViolation.enable': false,
        fixAll: false, logLevel: 'debug', logFile: '${workspaceFolder}/mpguard.log', path: ['${workspaceFolder}/bin/mpguard'],
        args: ['--log-file', '/tmp/x'],
    }), '/proj');
    assert.deepEqual(serverSettings(s), {
        enable: false, lint: { run: 'onSave' }, configurationPreference: 'editorOnly',
        codeAction: { fixViolation: { enable: false }, disableRuleComment: { enable: true } }, fixAll: false,
        logLevel: 'debug', logFile: '/proj/mpguard.log',
    });
    const bad = readSettings(config({ 'lint.run': 'sometimes', configurationPreference: 'fileFirst', logLevel: 'loud' }));
    assert.deepEqual([bad.lintRun, bad.configurationPreference, bad.logLevel], ['onType', 'editorFirst', 'info']);
    assert.equal(changeAction((k) => k === 'mpguard.lint.run'), 'restart');
    assert.equal(changeAction((k) => k === 'mpguard.path'), 'restart');
    assert.equal(changeAction((k) => k === 'mpguard.codeAction'), 'push');
    assert.equal(changeAction((k) => k === 'mpguard.configurationPreference'), 'push');
});

test('server command: the bundled launcher, or mpguard.path with args only in a trusted workspace', () => {
    const s = readSettings(config({ path: ['/opt/mpguard/bin/mpguard'], args: ['--log-file', '/tmp/x'] }));
    assert.deepEqual(serverCommand(s, ['/usr/bin/python3'], '/ext/launch.py', true),
        { command: '/opt/mpguard/bin/mpguard', args: ['server', '--log-file', '/tmp/x'], custom: true });
    assert.deepEqual(serverCommand(s, ['/usr/bin/python3', '-X', 'utf8'], '/ext/launch.py', false),
        { command: '/usr/bin/python3', args: ['-X', 'utf8', '/ext/launch.py', 'server'], custom: false });
    const plain = readSettings(config({}));
    assert.deepEqual(serverCommand(plain, ['python3'], '/ext/launch.py', true),
        { command: 'python3', args: ['/ext/launch.py', 'server'], custom: false });
});
