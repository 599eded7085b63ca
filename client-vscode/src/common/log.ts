// The "mpguard" LogOutputChannel, shared by the extension and the language client, and
// notifications filtered by `mpguard.showNotifications`.
import * as vscode from 'vscode';
import { NotificationLevel, shouldNotify } from './settings';

let channel: vscode.LogOutputChannel | undefined;
let level: NotificationLevel = 'onError';

export function createLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
    channel = vscode.window.createOutputChannel('mpguard', { log: true });
    context.subscriptions.push(channel);
    return channel;
}

export function log(): vscode.LogOutputChannel {
    if (!channel) throw new Error('mpguard log channel used before activation');
    return channel;
}

export function setNotificationLevel(value: NotificationLevel): void {
    level = value;
}

/** Log the message and, if `mpguard.showNotifications` allows it, show it as a notification. */
export function notify(kind: 'error' | 'warning' | 'info', message: string, ...actions: string[]): Thenable<string | undefined> {
    const out = channel;
    if (kind === 'error') out?.error(message);
    else if (kind === 'warning') out?.warn(message);
    else out?.info(message);
    if (!shouldNotify(level, kind)) return Promise.resolve(undefined);
    const show = kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return show(message, ...actions);
}
