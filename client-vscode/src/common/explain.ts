// "mpguard: Explain a multiprocessing error": the selected text (an editor, or the terminal through
// its context menu), else the clipboard, else a pasted line -> the server's `mpguard.explain` ->
// the rule's docs beside the code, the cursor on the site, and the quick fix offered there.
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { log, notify } from './log';
import { currentClient } from './server';

export interface ExplainSite {
    uri: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    how: string;
    message?: string | null;
    fix?: string | null;
}

export interface ExplainAnswer {
    code: string | null;
    name?: string;
    summary?: string;
    docs?: string;
    matched?: string;
    reason?: string;
    sites?: ExplainSite[];
}

/** Does the text look like something worth sending (an exception line or a traceback)? */
export function looksLikeError(text: string | undefined): boolean {
    return !!text && /(Error|Exception|Traceback|PicklingError|BrokenProcessPool)\b/.test(text);
}

async function errorText(fromTerminal: boolean): Promise<string | undefined> {
    if (fromTerminal) {
        // The terminal's selection has no stable API: copy it, then read the clipboard.
        await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
        return vscode.env.clipboard.readText();
    }
    const editor = vscode.window.activeTextEditor;
    if (editor && !editor.selection.isEmpty) return editor.document.getText(editor.selection);
    const clip = await vscode.env.clipboard.readText().then((t) => t, () => '');
    if (looksLikeError(clip)) return clip;
    return vscode.window.showInputBox({
        title: 'mpguard: Explain a multiprocessing error',
        prompt: 'Paste the error line (or select a whole traceback and run the command again)',
        placeHolder: "_pickle.PicklingError: Can't pickle local object <function main.<locals>.work at 0x...>",
    });
}

export async function explainError(arg?: unknown): Promise<ExplainAnswer | undefined> {
    const client = currentClient();
    if (!client?.isRunning()) {
        void notify('error', 'The mpguard server is not running. Run "mpguard: Restart Server" and check the "mpguard" output.');
        return undefined;
    }
    const text = typeof arg === 'string' ? arg : await errorText(arg === TERMINAL);
    if (!text || !text.trim()) return undefined;
    const answer = (await client.sendRequest(ExecuteCommandRequest.type, {
        command: 'mpguard.explain', arguments: [text],
    })) as ExplainAnswer;
    if (!answer?.code) {
        void notify('warning', `mpguard: ${answer?.reason ?? 'no rule matches this error'}.`);
        return answer;
    }
    log().info(`explain: ${answer.code} from "${answer.matched}"; ${answer.sites?.length ?? 0} site(s)`);
    const site = answer.sites?.[0];
    const docs = await vscode.workspace.openTextDocument({ language: 'markdown', content: answer.docs ?? '' });
    if (site) {
        const uri = vscode.Uri.parse(site.uri);
        const range = new vscode.Range(site.range.start.line, site.range.start.character,
            site.range.end.line, site.range.end.character);
        await vscode.window.showTextDocument(docs, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
        const editor = await vscode.window.showTextDocument(uri, { selection: range, viewColumn: vscode.ViewColumn.One });
        // A site may span statements (a Process and its start()): select it, but leave the cursor where it begins.
        editor.selection = new vscode.Selection(range.end, range.start);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
        if (site.fix) {
            // The diagnostic may still be on its way: give it a moment, then open the quick-fix menu there.
            setTimeout(() => void vscode.commands.executeCommand('editor.action.quickFix'), 800);
        }
    } else {
        await vscode.window.showTextDocument(docs, { preview: true });
        void notify('info', `mpguard: ${answer.code} ${answer.name} — not located in this workspace.`);
    }
    return answer;
}

const TERMINAL = Symbol('terminal selection');

/** The terminal's context menu: explain what is selected there. */
export function explainTerminalSelection(): Promise<ExplainAnswer | undefined> {
    return explainError(TERMINAL);
}
