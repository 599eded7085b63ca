// Entry point: wires logging, settings changes, commands and the server's lifetime together.
import * as vscode from 'vscode';
import { fixAll, migrateReport, showDebugInfo, showLogs, showRuleDocumentation } from './common/commands';
import { explainError, explainTerminalSelection } from './common/explain';
import { createLog, log, setNotificationLevel } from './common/log';
import { currentSettings, pushConfiguration, restartServer, stopServer } from './common/server';
import { changeAction } from './common/settings';

const RESTART_DELAY_MS = 500;
let restartTimer: NodeJS.Timeout | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    createLog(context);
    const version = (context.extension.packageJSON as { version?: string }).version;
    log().info(`mpguard extension ${version} activating (VS Code ${vscode.version})`);
    setNotificationLevel(currentSettings().showNotifications);
    const extensionPath = context.extensionPath;

    // Debounced restart: several quick setting edits lead to one restart.
    const scheduleRestart = (why: string) => {
        log().info(`restarting the server: ${why}`);
        if (restartTimer) clearTimeout(restartTimer);
        restartTimer = setTimeout(() => void restartServer(extensionPath), RESTART_DELAY_MS);
    };

    context.subscriptions.push(
        vscode.commands.registerCommand('mpguard.restart', () => restartServer(extensionPath)),
        vscode.commands.registerCommand('mpguard.showRuleDocumentation', showRuleDocumentation),
        vscode.commands.registerCommand('mpguard.fixAllCommand', fixAll),
        vscode.commands.registerCommand('mpguard.showLogs', showLogs),
        vscode.commands.registerCommand('mpguard.showDebugInfo', showDebugInfo),
        vscode.commands.registerCommand('mpguard.explainError', explainError),
        vscode.commands.registerCommand('mpguard.explainTerminalSelection', explainTerminalSelection),
        vscode.commands.registerCommand('mpguard.migrateReport', migrateReport),
        // Granting trust lifts the restriction on mpguard.path / mpguard.args: start again with them.
        vscode.workspace.onDidGrantWorkspaceTrust(() => scheduleRestart('the workspace is now trusted')),
        vscode.workspace.onDidChangeConfiguration((event) => {
            if (event.affectsConfiguration('mpguard.showNotifications')) {
                setNotificationLevel(currentSettings().showNotifications);
            }
            const action = changeAction((key) => event.affectsConfiguration(key));
            if (action === 'restart') scheduleRestart('a setting that needs a new server changed');
            else if (action === 'push') void pushConfiguration();
        }),
        vscode.workspace.onDidChangeWorkspaceFolders(() => scheduleRestart('workspace folders changed')),
        { dispose: () => restartTimer && clearTimeout(restartTimer) },
    );
    await watchPythonExtension(context, scheduleRestart);
    await restartServer(extensionPath);
}

/** Restart when the ms-python extension's active interpreter changes (only if it is installed). */
async function watchPythonExtension(context: vscode.ExtensionContext, restart: (why: string) => void): Promise<void> {
    const ext = vscode.extensions.getExtension('ms-python.python');
    if (!ext) return;
    try {
        const api = (ext.isActive ? ext.exports : await ext.activate()) as {
            environments?: { onDidChangeActiveEnvironmentPath?: vscode.Event<unknown> };
        };
        const event = api?.environments?.onDidChangeActiveEnvironmentPath;
        if (event) {
            context.subscriptions.push(event(() => {
                if (!currentSettings().interpreter.length) restart('the Python extension changed interpreter');
            }));
        }
    } catch (err) {
        log().warn(`cannot use the Python extension's API: ${String(err)}`);
    }
}

export async function deactivate(): Promise<void> {
    await stopServer();
}
