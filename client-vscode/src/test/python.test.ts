import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    ExtensionLike, msPythonInterpreter, NOT_FOUND_MESSAGE, parseVersion, probePython, resolveInterpreter, versionOk,
} from '../common/python';

type Version = [number, number];

/** A fake probe: known commands report a version; others cannot run. Records what was probed. */
function fakeProbe(versions: Record<string, Version>) {
    const calls: string[] = [];
    const probe = async (command: string[]) => {
        calls.push(command.join(' '));
        return versions[command[0]];
    };
    return { probe, calls };
}

test('parseVersion reads sys.version_info[:2]', () => {
    assert.deepEqual(parseVersion('(3, 11)\n'), [3, 11]);
    assert.deepEqual(parseVersion('(3, 9)'), [3, 9]);
    assert.equal(parseVersion('Python 3.11'), undefined);
    assert.equal(versionOk([3, 10]), true);
    assert.equal(versionOk([3, 9]), false);
    assert.equal(versionOk([2, 7]), false);
    assert.equal(versionOk([4, 0]), true);
});

test('the setting wins and is never replaced by another interpreter', async () => {
    const { probe, calls } = fakeProbe({ '/venv/bin/python': [3, 12], python3: [3, 11] });
    const r = await resolveInterpreter({ configured: ['/venv/bin/python', '-X', 'utf8'], probe, msPython: async () => ['/ms/python'] });
    assert.deepEqual(r.interpreter, { command: ['/venv/bin/python', '-X', 'utf8'], version: [3, 12], source: 'setting' });
    assert.deepEqual(calls, ['/venv/bin/python -X utf8']);

    const old = fakeProbe({ '/old/python': [3, 9], python3: [3, 11] });
    const bad = await resolveInterpreter({ configured: ['/old/python'], probe: old.probe });
    assert.equal(bad.interpreter, undefined);
    assert.match(bad.error ?? '', /mpguard\.interpreter/);
    assert.match(bad.error ?? '', /3\.9 is older than 3\.10/);
    assert.deepEqual(old.calls, ['/old/python'], 'PATH is not tried when the setting is set');
});

test('ms-python interpreter is used when the setting is empty', async () => {
    const { probe } = fakeProbe({ '/ms/python': [3, 10], python3: [3, 11] });
    const r = await resolveInterpreter({ configured: [], probe, msPython: async () => ['/ms/python'] });
    assert.deepEqual(r.interpreter, { command: ['/ms/python'], version: [3, 10], source: 'ms-python' });
});

test('falls back to python3 then python when ms-python is absent, too old or throws', async () => {
    const a = fakeProbe({ python: [3, 10] });
    const r1 = await resolveInterpreter({ configured: [], probe: a.probe });
    assert.deepEqual(r1.interpreter?.command, ['python']);
    assert.deepEqual(a.calls, ['python3', 'python']);
    assert.equal(r1.tried.length, 1);

    const b = fakeProbe({ '/ms/python': [3, 7], python3: [3, 13] });
    const r2 = await resolveInterpreter({ configured: [], probe: b.probe, msPython: async () => ['/ms/python'] });
    assert.deepEqual(r2.interpreter, { command: ['python3'], version: [3, 13], source: 'path' });
    assert.match(r2.tried[0], /3\.7 is older/);

    const c = fakeProbe({ python3: [3, 12] });
    const r3 = await resolveInterpreter({ configured: [], probe: c.probe, msPython: async () => { throw new Error('api broke'); } });
    assert.deepEqual(r3.interpreter?.command, ['python3']);
    assert.match(r3.tried[0], /api broke/);
});

test('nothing usable gives the actionable error', async () => {
    const { probe } = fakeProbe({ python3: [3, 6], python: [2, 7] });
    const r = await resolveInterpreter({ configured: [], probe, msPython: async () => undefined });
    assert.equal(r.interpreter, undefined);
    assert.equal(r.error, NOT_FOUND_MESSAGE);
    assert.match(NOT_FOUND_MESSAGE, /Python 3\.10/);
    assert.match(NOT_FOUND_MESSAGE, /mpguard\.interpreter/);
    assert.equal(r.tried.length, 2);
});

test('probePython runs a real interpreter and rejects a missing one', async () => {
    const v = await probePython(['python3']);
    assert.ok(v && v[0] === 3, `python3 should report 3.x, got ${v}`);
    assert.equal(await probePython(['/nonexistent/python']), undefined);
    assert.equal(await probePython(['false']), undefined);
});

function fakeExtension(api: unknown, active = true): ExtensionLike & { activated: number } {
    const ext = { isActive: active, exports: api, activated: 0, activate: async () => { ext.activated++; return api; } };
    return ext;
}

test('msPythonInterpreter uses the environments API, then getExecutionDetails', async () => {
    assert.equal(await msPythonInterpreter(undefined), undefined);
    const envApi = {
        environments: {
            getActiveEnvironmentPath: () => ({ path: '/envs/a' }),
            resolveEnvironment: async () => ({ executable: { uri: { fsPath: '/envs/a/bin/python' } } }),
        },
    };
    assert.deepEqual(await msPythonInterpreter(fakeExtension(envApi)), ['/envs/a/bin/python']);
    const inactive = fakeExtension(envApi, false);
    assert.deepEqual(await msPythonInterpreter(inactive), ['/envs/a/bin/python']);
    assert.equal(inactive.activated, 1);
    const unresolved = { environments: { getActiveEnvironmentPath: () => ({ path: '/usr/bin/python3.12' }), resolveEnvironment: async () => undefined } };
    assert.deepEqual(await msPythonInterpreter(fakeExtension(unresolved)), ['/usr/bin/python3.12']);
    const legacy = { settings: { getExecutionDetails: () => ({ execCommand: ['conda', 'run', 'python'] }) } };
    assert.deepEqual(await msPythonInterpreter(fakeExtension(legacy)), ['conda', 'run', 'python']);
    assert.equal(await msPythonInterpreter(fakeExtension({})), undefined);
    assert.equal(await msPythonInterpreter(fakeExtension(undefined)), undefined);
});
