// The user-facing commands that talk to the server: rule documentation and fix all.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, WorkspaceEdit } from 'vscode-languageclient/node';
import { log, notify } from './log';
import { currentClient, currentSettings, serverCommandLine } from './server';

const CODE_PATTERN = /^[A-Z]+\d+$/;

function diagnosticCode(d: vscode.Diagnostic): string | undefined {
    const code = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
    return code === undefined ? undefined : String(code);
}

/** The code of an mpguard diagnostic under the cursor of the active editor, if any. */
export function codeUnderCursor(): string | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const position = editor.selection.active;
    return vscode.languages
        .getDiagnostics(editor.document.uri)
        .filter((d) => d.source === 'mpguard' && d.range.contains(position))
        .map(diagnosticCode)
        .find((c) => c !== undefined);
}

function runningClient() {
    const client = currentClient();
    if (!client?.isRunning()) {
        void notify('error', 'The mpguard server is not running. Run "mpguard: Restart Server" and check the "mpguard" output.');
        return undefined;
    }
    return client;
}

export async function showRuleDocumentation(code?: unknown): Promise<void> {
    let rule = typeof code === 'string' ? code : codeUnderCursor();
    if (!rule) {
        rule = await vscode.window.showInputBox({
            title: 'mpguard: Show Rule Documentation',
            prompt: 'Rule code',
            placeHolder: 'MP201',
            validateInput: (v) => (CODE_PATTERN.test(v.trim().toUpperCase()) ? undefined : 'A code like MP201'),
        });
    }
    if (!rule) return;
    const client = runningClient();
    if (!client) return;
    const markdown = await client.sendRequest(ExecuteCommandRequest.type, {
        command: 'mpguard.showRule',
        arguments: [rule.trim().toUpperCase()],
    });
    if (typeof markdown !== 'string' || !markdown) {
        void notify('warning', `mpguard has no documentation for ${rule}.`);
        return;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(doc, { preview: true });
    // The rendered preview beside the source (the built-in Markdown extension may be disabled).
    await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri).then(undefined, () => undefined);
}

/** Apply every mpguard fix to the active Python document. */
export async function fixAll(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'python') {
        void notify('warning', 'mpguard: open a Python file to fix.');
        return;
    }
    const client = runningClient();
    if (!client) return;
    const uri = editor.document.uri.toString();
    try {
        const result = await client.sendRequest(ExecuteCommandRequest.type, { command: 'mpguard.fixAll', arguments: [uri] });
        // The server either applies the edit itself (workspace/applyEdit) or returns it.
        if (result && typeof result === 'object' && ('changes' in result || 'documentChanges' in result)) {
            const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result as WorkspaceEdit);
            if (edit) await vscode.workspace.applyEdit(edit);
        }
        return;
    } catch (err) {
        log().warn(`mpguard.fixAll failed (${String(err)}); trying the source.fixAll.mpguard code action`);
    }
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', editor.document.uri, editor.document.validateRange(
            new vscode.Range(0, 0, editor.document.lineCount, 0)), 'source.fixAll.mpguard', 10);
    for (const action of actions ?? []) {
        if (action.edit) await vscode.workspace.applyEdit(action.edit);
        if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    }
}

/** "mpguard: Show logs": the output channel the server and the extension write to. */
export function showLogs(): void {
    log().show(true);
}

/** "mpguard: Show debug info": versions, the server's command line, trust, settings, and the server's own report. */
export async function showDebugInfo(): Promise<string> {
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri.toString();
    const ext = vscode.extensions.getExtension('mpguard.mpguard');
    const lines = [
        `mpguard extension ${(ext?.packageJSON as { version?: string } | undefined)?.version ?? '?'}`,
        `VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.remoteName ?? 'local'})`,
        `workspace trusted: ${vscode.workspace.isTrusted}`,
        `server command: ${serverCommandLine().join(' ') || '(not started)'}`,
        `extension settings: ${JSON.stringify(currentSettings(uri))}`,
        '',
    ];
    const client = currentClient();
    if (client?.isRunning()) {
        try {
            const report = await client.sendRequest(ExecuteCommandRequest.type, { command: 'mpguard.debugInfo', arguments: uri ? [uri] : [] });
            lines.push(String(report));
        } catch (err) {
            lines.push(`the server did not answer mpguard.debugInfo: ${String(err)}`);
        }
    } else {
        lines.push('the server is not running');
    }
    const text = lines.join('\n');
    log().info(`debug info:\n${text}`);
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: text });
    await vscode.window.showTextDocument(doc, { preview: true });
    return text;
}

/** `mpguard migrate` for the workspace: what changes when Linux's default start method moves from fork
 * (3.13) to forkserver (3.14), as a markdown report beside the editor. */
export async function migrateReport(): Promise<void> {
    const client = runningClient();
    if (!client) return;
    const answer = (await client.sendRequest(ExecuteCommandRequest.type, {
        command: 'mpguard.migrate',
        arguments: [{ from: '3.13', to: '3.14', platform: 'linux' }],
    })) as { markdown?: string; reason?: string; changes?: unknown[] } | null;
    if (!answer || answer.reason) {
        void notify('warning', `mpguard migrate: ${answer?.reason ?? 'no answer from the server'}`);
        return;
    }
    const content = answer.markdown || 'Nothing changes when the default start method moves from fork to forkserver.';
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { preview: true });
    await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri).then(undefined, () => undefined);
}
