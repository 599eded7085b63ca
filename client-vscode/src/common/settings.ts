// Reading and normalising the `mpguard.*` settings. Pure: no `vscode` import at run time, so the
// unit tests can drive it with a plain object standing in for a WorkspaceConfiguration.
import * as os from 'os';
import * as path from 'path';

export const PLATFORMS = ['windows', 'macos', 'linux'] as const;
export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
export const NOTIFICATION_LEVELS = ['off', 'onError', 'onWarning', 'always'] as const;
export const IMPORT_STRATEGIES = ['useBundled', 'fromEnvironment'] as const;

export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];
export type ImportStrategy = (typeof IMPORT_STRATEGIES)[number];

export interface Settings {
    targets: string[];
    pythonVersion: string;
    select: string[];
    ignore: string[];
    severity: Record<string, string>;
    showNotifications: NotificationLevel;
    interpreter: string[];
    importStrategy: ImportStrategy;
}

/** What the server reads: only the analysis keys the user actually set (empty = defer to pyproject.toml). */
export interface ServerSettings {
    targets?: string[];
    pythonVersion?: string;
    select?: string[];
    ignore?: string[];
    severity?: Record<string, string>;
}

/** The part of vscode.WorkspaceConfiguration we use. */
export interface ConfigSource {
    get<T>(section: string): T | undefined;
}

/** Keys whose change needs a new server process; the others are pushed with didChangeConfiguration. */
export const RESTART_KEYS = ['mpguard.interpreter', 'mpguard.importStrategy'];
export const SERVER_KEYS = ['mpguard.targets', 'mpguard.pythonVersion', 'mpguard.select', 'mpguard.ignore', 'mpguard.severity'];

function stringList(value: unknown): string[] {
    if (typeof value === 'string') {
        value = value.split(',');
    }
    if (!Array.isArray(value)) {
        return [];
    }
    return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v.length > 0);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
    return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Expand `${workspaceFolder}`, `${userHome}`, `${env:NAME}` and a leading `~`. */
export function substitute(value: string, workspaceFolder?: string, env: NodeJS.ProcessEnv = process.env): string {
    let out = value.replace(/\$\{userHome\}/g, os.homedir()).replace(/\$\{env:([^}]+)\}/g, (_m, name) => env[name] ?? '');
    if (workspaceFolder !== undefined) {
        out = out.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
    }
    if (out === '~' || out.startsWith('~/')) {
        out = path.join(os.homedir(), out.slice(1));
    }
    return out;
}

export function readSettings(config: ConfigSource, workspaceFolder?: string): Settings {
    const severity: Record<string, string> = {};
    const rawSeverity = config.get<unknown>('severity');
    if (rawSeverity && typeof rawSeverity === 'object' && !Array.isArray(rawSeverity)) {
        for (const [code, level] of Object.entries(rawSeverity as Record<string, unknown>)) {
            const lower = typeof level === 'string' ? level.toLowerCase() : '';
            if ((SEVERITIES as readonly string[]).includes(lower) && code.trim()) {
                severity[code.trim().toUpperCase()] = lower;
            }
        }
    }
    const rawInterpreter = config.get<unknown>('interpreter');
    const interpreter = (typeof rawInterpreter === 'string' ? [rawInterpreter] : stringList(rawInterpreter))
        .filter((v) => v.trim().length > 0)
        .map((v) => substitute(v.trim(), workspaceFolder));
    const rawVersion = config.get<unknown>('pythonVersion');
    return {
        targets: [...new Set(stringList(config.get('targets')).map((t) => t.toLowerCase()))].filter((t) =>
            (PLATFORMS as readonly string[]).includes(t),
        ),
        pythonVersion: typeof rawVersion === 'string' ? rawVersion.trim() : '',
        select: stringList(config.get('select')).map((c) => c.toUpperCase()),
        ignore: stringList(config.get('ignore')).map((c) => c.toUpperCase()),
        severity,
        showNotifications: oneOf(config.get('showNotifications'), NOTIFICATION_LEVELS, 'onError'),
        interpreter,
        importStrategy: oneOf(config.get('importStrategy'), IMPORT_STRATEGIES, 'useBundled'),
    };
}

/** The analysis settings for initializationOptions / didChangeConfiguration; unset values are left out. */
export function serverSettings(settings: Settings): ServerSettings {
    const out: ServerSettings = {};
    if (settings.targets.length) out.targets = settings.targets;
    if (settings.pythonVersion) out.pythonVersion = settings.pythonVersion;
    if (settings.select.length) out.select = settings.select;
    if (settings.ignore.length) out.ignore = settings.ignore;
    if (Object.keys(settings.severity).length) out.severity = settings.severity;
    return out;
}

export type ChangeAction = 'restart' | 'push' | 'none';

/** What a configuration change requires, given `affects` = ConfigurationChangeEvent.affectsConfiguration. */
export function changeAction(affects: (key: string) => boolean): ChangeAction {
    if (RESTART_KEYS.some(affects)) return 'restart';
    if (SERVER_KEYS.some(affects)) return 'push';
    return 'none';
}

/** Whether a message of `kind` should pop up under the `mpguard.showNotifications` level. */
export function shouldNotify(level: NotificationLevel, kind: 'error' | 'warning' | 'info'): boolean {
    switch (level) {
        case 'off':
            return false;
        case 'onError':
            return kind === 'error';
        case 'onWarning':
            return kind !== 'info';
        case 'always':
            return true;
    }
}
