// Finding a Python (3.10+) to run the server. Pure apart from `probePython`, which runs a process:
// the VS Code parts (the ms-python extension) are passed in, so tests need no VS Code.
import { execFile } from 'child_process';

export const MIN_VERSION: [number, number] = [3, 10];
export const VERSION_SCRIPT = 'import sys;print(sys.version_info[:2])';

export type Source = 'setting' | 'ms-python' | 'path';

export interface Interpreter {
    command: string[];
    version: [number, number];
    source: Source;
}

export interface Resolution {
    interpreter?: Interpreter;
    /** Each candidate tried and why it was rejected, for the log and the error message. */
    tried: string[];
    error?: string;
}

export interface ResolveDeps {
    /** `mpguard.interpreter`, already split and substituted; empty when unset. */
    configured: string[];
    /** The ms-python extension's interpreter command, when that extension is installed. */
    msPython?: () => Promise<string[] | undefined>;
    /** Run `command -c VERSION_SCRIPT`; resolve its version, or undefined when it cannot run. */
    probe: (command: string[]) => Promise<[number, number] | undefined>;
    /** Commands tried on PATH, in order. */
    pathCandidates?: string[];
}

/** Parse the output of VERSION_SCRIPT, "(3, 11)". */
export function parseVersion(output: string): [number, number] | undefined {
    const m = /\((\d+),\s*(\d+)\)/.exec(output);
    return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function versionOk(v: [number, number]): boolean {
    return v[0] > MIN_VERSION[0] || (v[0] === MIN_VERSION[0] && v[1] >= MIN_VERSION[1]);
}

export const NOT_FOUND_MESSAGE =
    'mpguard needs Python 3.10 or newer to run its server, and none was found. ' +
    'Install Python 3.10+ (so that python3 is on PATH), select one with the Python extension, ' +
    'or set "mpguard.interpreter" to its path.';

export async function resolveInterpreter(deps: ResolveDeps): Promise<Resolution> {
    const tried: string[] = [];
    const attempt = async (command: string[], source: Source): Promise<Interpreter | undefined> => {
        const version = await deps.probe(command);
        const shown = command.join(' ');
        if (!version) {
            tried.push(`${shown} (${source}): could not run it`);
        } else if (!versionOk(version)) {
            tried.push(`${shown} (${source}): Python ${version.join('.')} is older than ${MIN_VERSION.join('.')}`);
        } else {
            return { command, version, source };
        }
        return undefined;
    };
    if (deps.configured.length) {
        // An explicit setting is never silently replaced by another interpreter.
        const found = await attempt(deps.configured, 'setting');
        if (found) return { interpreter: found, tried };
        return {
            tried,
            error: `The interpreter in "mpguard.interpreter" cannot run the mpguard server: ${tried[0]}. ` +
                'Point it to Python 3.10 or newer, or clear the setting.',
        };
    }
    if (deps.msPython) {
        let command: string[] | undefined;
        try {
            command = await deps.msPython();
        } catch (err) {
            tried.push(`ms-python: ${String(err)}`);
        }
        if (command && command.length) {
            const found = await attempt(command, 'ms-python');
            if (found) return { interpreter: found, tried };
        }
    }
    for (const name of deps.pathCandidates ?? ['python3', 'python']) {
        const found = await attempt([name], 'path');
        if (found) return { interpreter: found, tried };
    }
    return { tried, error: NOT_FOUND_MESSAGE };
}

/** Run `command -c VERSION_SCRIPT` with a timeout. */
export function probePython(command: string[], timeoutMs = 15000): Promise<[number, number] | undefined> {
    return new Promise((resolve) => {
        execFile(command[0], [...command.slice(1), '-c', VERSION_SCRIPT], { timeout: timeoutMs }, (err, stdout) => {
            resolve(err ? undefined : parseVersion(String(stdout)));
        });
    });
}

/** The parts of the ms-python extension's API we use (both the new and the older shape). */
interface MsPythonApi {
    environments?: {
        getActiveEnvironmentPath(resource?: unknown): { path: string } | undefined;
        resolveEnvironment(env: unknown): Promise<{ executable?: { uri?: { fsPath: string } } } | undefined>;
    };
    settings?: { getExecutionDetails(resource?: unknown): { execCommand?: string[] } | undefined };
}

export interface ExtensionLike {
    isActive: boolean;
    exports: unknown;
    activate(): PromiseLike<unknown>;
}

/** The active interpreter of the ms-python extension, or undefined. Every API call is guarded. */
export async function msPythonInterpreter(ext: ExtensionLike | undefined, resource?: unknown): Promise<string[] | undefined> {
    if (!ext) return undefined;
    const api = (ext.isActive ? ext.exports : await ext.activate()) as MsPythonApi | undefined;
    const envs = api?.environments;
    if (envs && typeof envs.getActiveEnvironmentPath === 'function') {
        const active = envs.getActiveEnvironmentPath(resource);
        if (active) {
            const resolved = typeof envs.resolveEnvironment === 'function' ? await envs.resolveEnvironment(active) : undefined;
            const exe = resolved?.executable?.uri?.fsPath ?? active.path;
            if (exe) return [exe];
        }
    }
    const exec = api?.settings?.getExecutionDetails?.(resource)?.execCommand;
    return Array.isArray(exec) && exec.length ? exec : undefined;
}
