// Install the mpguard server and its pure-Python dependencies into bundled/libs for the .vsix.
// 1. the local project (built by pip from the repo root), without dependencies;
// 2. its dependencies as pure-Python wheels resolved for Python 3.9 (the oldest we support), with
//    environment markers dropped so tomli/exceptiongroup (needed below 3.11) are always included.
// Env: MPGUARD_BUNDLE_PYTHON (default python3) is the Python whose pip is used.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const extRoot = resolve(here, '..');
const repoRoot = resolve(extRoot, '..');
const libs = join(extRoot, 'bundled', 'libs');
const python = process.env.MPGUARD_BUNDLE_PYTHON || 'python3';
const EXTRA = ['exceptiongroup', 'typing_extensions', 'tomli'];

export function dependencies(pyprojectText) {
    const block = /^dependencies\s*=\s*\[([\s\S]*?)\]/m.exec(pyprojectText);
    if (!block) throw new Error('no [project] dependencies in pyproject.toml');
    return [...block[1].matchAll(/["']([^"']+)["']/g)].map((m) => m[1].split(';')[0].trim()).filter(Boolean);
}

function pip(args) {
    console.log(`$ ${python} -m pip ${args.join(' ')}`);
    execFileSync(python, ['-m', 'pip', ...args], { stdio: 'inherit', env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' } });
}

function prune(dir) {
    for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (!statSync(full).isDirectory()) continue;
        if (name === '__pycache__') rmSync(full, { recursive: true, force: true });
        else prune(full);
    }
}

function main() {
    const deps = dependencies(readFileSync(join(repoRoot, 'pyproject.toml'), 'utf8'));
    const names = new Set(deps.map((d) => d.split(/[<>=!~ \[]/)[0].toLowerCase().replace(/-/g, '_')));
    const wanted = [...deps, ...EXTRA.filter((e) => !names.has(e))];
    rmSync(libs, { recursive: true, force: true });
    pip(['install', '--target', libs, '--no-compile', '--no-deps', '--no-cache-dir', '--quiet', repoRoot]);
    pip(['install', '--target', libs, '--no-compile', '--no-cache-dir', '--quiet', '--upgrade',
        '--only-binary=:all:', '--implementation', 'py', '--python-version', '3.9', ...wanted]);
    rmSync(join(libs, 'bin'), { recursive: true, force: true });
    prune(libs);
    if (!existsSync(join(libs, 'mpguard', '__main__.py'))) throw new Error('mpguard was not installed into bundled/libs');
    console.log(`bundled: ${readdirSync(libs).filter((n) => !n.endsWith('.dist-info')).join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
