// Reading and normalising the `mpguard.*` settings. Pure: no `vscode` import at run time, so the
// unit tests can drive it with a plain object standing in for a WorkspaceConfiguration.
import * as os from 'os';
import * as path from 'path';

export const PLATFORMS = ['windows', 'macos', 'linux'] as const;
export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
export const NOTIFICATION_LEVELS = ['off', 'onError', 'onWarning', 'always'] as const;
export const IMPORT_STRATEGIES = ['useBundled', 'fromEnvironment'] as const;
export const RUN_MODES = ['onType', 'onSave'] as const;
export const PREFERENCES = ['editorFirst', 'filesystemFirst', 'editorOnly'] as const;
export const LOG_LEVELS = ['error', 'warning', 'info', 'debug', 'trace'] as const;

export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];
export type ImportStrategy = (typeof IMPORT_STRATEGIES)[number];
export type RunMode = (typeof RUN_MODES)[number];
export type Preference = (typeof PREFERENCES)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Settings {
    targets: string[];
    pythonVersion: string;
    select: string[];
    ignore: string[];
    severity: Record<string, string>;
    showNotifications: NotificationLevel;
    interpreter: string[];
    importStrategy: ImportStrategy;
    enable: boolean;
    lintRun: RunMode;
    /** An mpguard executable (a command with arguments) to run instead of the bundled server. */
    path: string[];
    args: string[];
    configurationPreference: Preference;
    fixViolation: boolean;
    disableRuleComment: boolean;
    fixAll: boolean;
    logLevel: LogLevel;
    logFile: string;
}

/** What the server reads: only the analysis keys the user actually set (empty = defer to pyproject.toml). */
export interface ServerSettings {
    targets?: string[];
    pythonVersion?: string;
    select?: string[];
    ignore?: string[];
    severity?: Record<string, string>;
    // The server's own behaviour (never in pyproject.toml, so always sent):
    enable?: boolean;
    lint?: { run: RunMode };
    configurationPreference?: Preference;
    codeAction?: { fixViolation: { enable: boolean }; disableRuleComment: { enable: boolean } };
    fixAll?: boolean;
    logLevel?: LogLevel;
    logFile?: string;
}

/** The part of vscode.WorkspaceConfiguration we use. */
export interface ConfigSource {
    get<T>(section: string): T | undefined;
}

/** Keys whose change needs a new server process; the others are pushed with didChangeConfiguration. */
// lint.run restarts too: in pull mode the client's own pull options (on change / on save) follow it.
export const RESTART_KEYS = ['mpguard.interpreter', 'mpguard.importStrategy', 'mpguard.enable', 'mpguard.path',
    'mpguard.args', 'mpguard.lint.run'];
export const SERVER_KEYS = ['mpguard.targets', 'mpguard.pythonVersion', 'mpguard.select', 'mpguard.ignore', 'mpguard.severity',
    'mpguard.configurationPreference', 'mpguard.codeAction', 'mpguard.fixAll', 'mpguard.logLevel', 'mpguard.logFile'];

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
    const flag = (key: string) => config.get<unknown>(key) !== false;
    const rawLogFile = config.get<unknown>('logFile');
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
        enable: flag('enable'),
        lintRun: oneOf(config.get('lint.run'), RUN_MODES, 'onType'),
        path: stringList(config.get('path')).map((v) => substitute(v, workspaceFolder)),
        args: stringList(config.get('args')),
        configurationPreference: oneOf(config.get('configurationPreference'), PREFERENCES, 'editorFirst'),
        fixViolation: flag('codeAction.fixViolation.enable'),
        disableRuleComment: flag('codeAction.disableRuleComment.enable'),
        fixAll: flag('fixAll'),
        logLevel: oneOf(config.get('logLevel'), LOG_LEVELS, 'info'),
        logFile: typeof rawLogFile === 'string' && rawLogFile.trim() ? substitute(rawLogFile.trim(), workspaceFolder) : '',
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
    out.enable = settings.enable;
    out.lint = { run: settings.lintRun };
    out.configurationPreference = settings.configurationPreference;
    out.codeAction = { fixViolation: { enable: settings.fixViolation }, disableRuleComment: { enable: settings.disableRuleComment } };
    out.fixAll = settings.fixAll;
    out.logLevel = settings.logLevel;
    if (settings.logFile) out.logFile = settings.logFile;
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

/** The server's command line: the bundled launcher, or `mpguard.path` (trusted workspaces only), plus `server` and `mpguard.args`. */
export function serverCommand(settings: Settings, python: string[], launcher: string, trusted: boolean): { command: string; args: string[]; custom: boolean } {
    const extra = trusted ? settings.args : [];
    if (trusted && settings.path.length) {
        return { command: settings.path[0], args: [...settings.path.slice(1), 'server', ...extra], custom: true };
    }
    return { command: python[0], args: [...python.slice(1), launcher, 'server', ...extra], custom: false };
}
