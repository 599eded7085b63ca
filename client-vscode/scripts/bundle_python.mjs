// Install the mpguard server and its pure-Python dependencies into bundled/libs for the .vsix.
// 1. the local project (built by pip from the repo root), without dependencies;
// 2. its dependencies as pure-Python wheels resolved for Python 3.9 (the oldest we support), with
//    environment markers dropped so tomli/exceptiongroup (needed below 3.11) are always included;
// 3. `finish`: trim what nothing uses (jedi's third-party stubs), and gather the licence texts of
//    everything bundled into THIRD-PARTY-NOTICES.txt (the .vsix leaves the *.dist-info folders out).
// Env: MPGUARD_BUNDLE_PYTHON (default python3) is the Python whose pip is used.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const extRoot = resolve(here, '..');
const repoRoot = resolve(extRoot, '..');
const libs = join(extRoot, 'bundled', 'libs');
const python = process.env.MPGUARD_BUNDLE_PYTHON || 'python3';
const EXTRA = ['exceptiongroup', 'typing_extensions', 'tomli'];
const NOTICES = join(extRoot, 'THIRD-PARTY-NOTICES.txt');
// jedi ships typeshed's stubs for third-party packages (typeshed/stubs) and django-stubs: 27 MB of its
// 32. mpguard asks jedi only for the source definition of a function (resolve/jedi_resolver.py), which
// jedi reads from the installed package itself; typeshed/stdlib stays (jedi infers builtins with it).
export const TRIMMED = [['jedi', 'third_party', 'typeshed', 'stubs'], ['jedi', 'third_party', 'django-stubs']];
const LICENCE_FILE = /^(licen[cs]e|copying|notice|authors)/i;

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

function filesUnder(dir) {
    return readdirSync(dir).flatMap((name) => {
        const full = join(dir, name);
        return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

function metadata(distInfo) {
    const text = readFileSync(join(distInfo, 'METADATA'), 'utf8').split(/\r?\n\r?\n/)[0];
    const field = (name) => (new RegExp(`^${name}: (.*)$`, 'mi').exec(text) || [])[1];
    return { name: field('Name'), version: field('Version'),
             licence: field('License-Expression') || field('License') || 'not stated' };
}

// The licence texts of every distribution in `libs`, from its *.dist-info (PEP 639's licenses/ folder, or
// LICENSE/COPYING/NOTICE files beside METADATA), and of what a package vendors inside itself.
export function notices(libs) {
    const parts = ['Third-party software bundled in this extension (bundled/libs), with its licence texts.\n'];
    const dists = readdirSync(libs).filter((n) => n.endsWith('.dist-info')).sort();
    for (const dist of dists) {
        const info = metadata(join(libs, dist));
        const files = filesUnder(join(libs, dist)).filter((f) => LICENCE_FILE.test(f.split(/[\\/]/).pop()));
        if (files.length === 0) throw new Error(`${dist}: no licence file to ship`);
        parts.push(`${'='.repeat(78)}\n${info.name} ${info.version} (licence: ${info.licence})\n${'='.repeat(78)}`);
        for (const file of files.sort()) parts.push(readFileSync(file, 'utf8').trim() + '\n');
    }
    const typeshed = join(libs, 'jedi', 'third_party', 'typeshed', 'LICENSE');
    if (existsSync(typeshed)) {
        parts.push(`${'='.repeat(78)}\ntypeshed (standard-library stubs, inside jedi: jedi/third_party/typeshed)\n${'='.repeat(78)}`);
        parts.push(readFileSync(typeshed, 'utf8').trim() + '\n');
    }
    return parts.join('\n');
}

export function trim(libs) {
    for (const parts of TRIMMED) rmSync(join(libs, ...parts), { recursive: true, force: true });
}

export function finish(libs, noticesPath = NOTICES) {
    rmSync(join(libs, 'bin'), { recursive: true, force: true });
    prune(libs);
    trim(libs);
    writeFileSync(noticesPath, notices(libs));
}

function main() {
    const deps = dependencies(readFileSync(join(repoRoot, 'pyproject.toml'), 'utf8'));
    const names = new Set(deps.map((d) => d.split(/[<>=!~ \[]/)[0].toLowerCase().replace(/-/g, '_')));
    const wanted = [...deps, ...EXTRA.filter((e) => !names.has(e))];
    rmSync(libs, { recursive: true, force: true });
    pip(['install', '--target', libs, '--no-compile', '--no-deps', '--no-cache-dir', '--quiet', repoRoot]);
    pip(['install', '--target', libs, '--no-compile', '--no-cache-dir', '--quiet', '--upgrade',
        '--only-binary=:all:', '--implementation', 'py', '--python-version', '3.9', ...wanted]);
    finish(libs);
    if (!existsSync(join(libs, 'mpguard', '__main__.py'))) throw new Error('mpguard was not installed into bundled/libs');
    console.log(`bundled: ${readdirSync(libs).filter((n) => !n.endsWith('.dist-info')).join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
