import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { changeAction, ConfigSource, readSettings, serverSettings, shouldNotify, substitute } from '../common/settings';

function config(values: Record<string, unknown>): ConfigSource {
    return { get: <T>(key: string) => values[key] as T | undefined };
}

test('defaults when nothing is set', () => {
    const s = readSettings(config({}));
    assert.deepEqual(s, {
        targets: [], pythonVersion: '', select: [], ignore: [], severity: {},
        showNotifications: 'onError', interpreter: [], importStrategy: 'useBundled',
    });
    assert.deepEqual(serverSettings(s), {}, 'unset settings must not override pyproject.toml');
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
        ignore: ['MP201', 'MP202'], severity: { MP201: 'error', MP203: 'hint' },
    });
});

test('serverSettings leaves out only the empty values', () => {
    const s = readSettings(config({ select: ['MP1'], pythonVersion: '' }));
    assert.deepEqual(serverSettings(s), { select: ['MP1'] });
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
