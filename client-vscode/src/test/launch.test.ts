// The Python launcher (bundled/tool/launch.py) with mpguard.importStrategy, run for real.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const EXT_ROOT = path.resolve(__dirname, '..', '..');

/** A fake mpguard package that reports which copy ran and with which argv. */
function fakeMpguard(dir: string, label: string): void {
    fs.mkdirSync(path.join(dir, 'mpguard'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'mpguard', '__init__.py'), '');
    fs.writeFileSync(path.join(dir, 'mpguard', '__main__.py'),
        `import json, sys\nprint(json.dumps({"copy": ${JSON.stringify(label)}, "argv": sys.argv[1:]}))\n`);
}

function run(strategy: string | undefined, withEnvCopy: boolean): { copy: string; argv: string[] } {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mpguard-launch-'));
    try {
        const tool = path.join(tmp, 'ext', 'bundled', 'tool');
        fs.mkdirSync(tool, { recursive: true });
        fs.copyFileSync(path.join(EXT_ROOT, 'bundled', 'tool', 'launch.py'), path.join(tool, 'launch.py'));
        fakeMpguard(path.join(tmp, 'ext', 'bundled', 'libs'), 'bundled');
        const envDir = path.join(tmp, 'site');
        if (withEnvCopy) fakeMpguard(envDir, 'environment');
        // -S: no site-packages, so a real mpguard installed on this machine cannot interfere;
        // PYTHONPATH stands in for the interpreter's environment.
        const env: NodeJS.ProcessEnv = { ...process.env, PYTHONPATH: envDir };
        delete env.MPGUARD_IMPORT_STRATEGY;
        if (strategy) env.MPGUARD_IMPORT_STRATEGY = strategy;
        const out = execFileSync('python3', ['-S', path.join(tool, 'launch.py'), 'server'], { env, cwd: tmp, encoding: 'utf8' });
        return JSON.parse(out.trim().split('\n').pop() as string);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

test('useBundled (the default) runs the bundled server even if one is installed', () => {
    assert.deepEqual(run(undefined, true), { copy: 'bundled', argv: ['server'] });
    assert.deepEqual(run('useBundled', true), { copy: 'bundled', argv: ['server'] });
});

test('fromEnvironment prefers the installed server and falls back to the bundled one', () => {
    assert.deepEqual(run('fromEnvironment', true), { copy: 'environment', argv: ['server'] });
    assert.deepEqual(run('fromEnvironment', false), { copy: 'bundled', argv: ['server'] });
});
