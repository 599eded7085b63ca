// The LanguageClient's lifetime: start, stop, restart (with a re-entrancy guard), config push.
import * as path from 'path';
import * as vscode from 'vscode';
import {
    DidChangeConfigurationNotification,
    LanguageClient,
    LanguageClientOptions,
    RevealOutputChannelOn,
    ServerOptions,
    ShowMessageNotification,
    MessageType,
} from 'vscode-languageclient/node';
import { log, notify } from './log';
import { msPythonInterpreter, probePython, resolveInterpreter } from './python';
import { readSettings, serverCommand, serverSettings, Settings } from './settings';

export const DOCUMENT_SELECTOR = [
    { scheme: 'file', language: 'python' },
    { scheme: 'untitled', language: 'python' },
    { scheme: 'vscode-notebook-cell', language: 'python' },
];

let client: LanguageClient | undefined;
let running: Promise<void> | undefined;
let again = false;
let lastCommand: string[] = [];

/** The command line the running server was started with (for "mpguard: Show debug info"). */
export function serverCommandLine(): string[] {
    return lastCommand;
}

export function currentClient(): LanguageClient | undefined {
    return client;
}

function scope(uri?: string): vscode.Uri | undefined {
    return uri ? vscode.Uri.parse(uri) : vscode.workspace.workspaceFolders?.[0]?.uri;
}

export function currentSettings(uri?: string): Settings {
    const resource = scope(uri);
    const folder = resource ? vscode.workspace.getWorkspaceFolder(resource) : undefined;
    return readSettings(vscode.workspace.getConfiguration('mpguard', resource), folder?.uri.fsPath);
}

/** The Python that runs the bundled launcher (not needed when `mpguard.path` names an executable). */
async function python(settings: Settings, resource: vscode.Uri | undefined): Promise<{ command: string[]; what: string } | undefined> {
    const resolution = await resolveInterpreter({
        configured: settings.interpreter,
        msPython: () => msPythonInterpreter(vscode.extensions.getExtension('ms-python.python'), resource),
        probe: (command) => probePython(command),
    });
    resolution.tried.forEach((line) => log().info(`interpreter rejected: ${line}`));
    if (!resolution.interpreter) {
        void notify('error', resolution.error ?? 'No Python interpreter found.', 'Open Settings').then((choice) => {
            if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'mpguard.interpreter');
        });
        return undefined;
    }
    const { command, version, source } = resolution.interpreter;
    return { command, what: `Python ${version.join('.')}, from ${source}` };
}

async function createClient(extensionPath: string): Promise<LanguageClient | undefined> {
    const settings = currentSettings();
    const resource = scope();
    if (!settings.enable) {
        log().info('mpguard.enable is false: no server started');
        return undefined;
    }
    const trusted = vscode.workspace.isTrusted;
    if (!trusted && (settings.path.length || settings.args.length)) {
        log().warn('untrusted workspace: mpguard.path and mpguard.args are ignored (the bundled server runs)');
    }
    const launcher = path.join(extensionPath, 'bundled', 'tool', 'launch.py');
    let interpreter: { command: string[]; what: string } | undefined = { command: [], what: 'mpguard.path' };
    if (!(trusted && settings.path.length)) {
        interpreter = await python(settings, resource);
        if (!interpreter) return undefined;
    }
    const { command, args } = serverCommand(settings, interpreter.command, launcher, trusted);
    lastCommand = [command, ...args];
    log().info(`starting server: ${lastCommand.join(' ')} (${interpreter.what}), importStrategy=${settings.importStrategy}`);
    const serverOptions: ServerOptions = {
        command,
        args,
        options: {
            cwd: resource?.fsPath ?? extensionPath,
            env: { ...process.env, MPGUARD_IMPORT_STRATEGY: settings.importStrategy, PYTHONUNBUFFERED: '1' },
        },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: DOCUMENT_SELECTOR,
        outputChannel: log(),
        revealOutputChannelOn: RevealOutputChannelOn.Never,
        // lint.run = onSave: a pull-capable client pulls when a file is saved, not as it changes.
        diagnosticPullOptions: settings.lintRun === 'onSave' ? { onChange: false, onSave: true } : { onChange: true, onSave: false },
        initializationOptions: serverSettings(settings),
        middleware: {
            workspace: {
                // Answer workspace/configuration for "mpguard" with the same filtered settings.
                configuration: async (params, token, next) => {
                    const answers = await next(params, token);
                    if (!Array.isArray(answers)) return answers;
                    return params.items.map((item, i) =>
                        item.section === 'mpguard' ? serverSettings(currentSettings(item.scopeUri)) : answers[i]);
                },
            },
        },
    };
    const created = new LanguageClient('mpguard', 'mpguard', serverOptions, clientOptions);
    created.onNotification(ShowMessageNotification.type, (msg) => {
        const kind = msg.type === MessageType.Error ? 'error' : msg.type === MessageType.Warning ? 'warning' : 'info';
        void notify(kind, msg.message);
    });
    return created;
}

async function stopClient(): Promise<void> {
    const old = client;
    client = undefined;
    if (!old) return;
    try {
        await old.stop(2000);
    } catch (err) {
        log().warn(`stopping the server: ${String(err)}`);
    }
    await old.dispose().catch(() => undefined);
}

async function cycle(extensionPath: string): Promise<void> {
    do {
        again = false;
        await stopClient();
        const created = await createClient(extensionPath);
        if (!created) continue;
        try {
            await created.start();
            client = created;
            log().info('server started');
        } catch (err) {
            void notify('error', `mpguard: the server failed to start (${String(err)}). See the "mpguard" output.`);
            await created.dispose().catch(() => undefined);
        }
    } while (again);
}

/** Stop any running server and start a new one. Calls made while a restart runs coalesce into one more. */
export async function restartServer(extensionPath: string): Promise<void> {
    if (running) {
        again = true;
        return running;
    }
    running = cycle(extensionPath);
    try {
        await running;
    } finally {
        running = undefined;
    }
}

export async function stopServer(): Promise<void> {
    await running?.catch(() => undefined);
    await stopClient();
}

/** Send the current analysis settings with workspace/didChangeConfiguration. */
export async function pushConfiguration(): Promise<void> {
    if (!client?.isRunning()) return;
    await client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { mpguard: serverSettings(currentSettings()) },
    });
}
