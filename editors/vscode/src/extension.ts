// The nianbao extension: starts `nianbao lsp` for .nianbao files, passes the
// editor settings to it, and adds two commands that run the CLI:
// `nianbao.checkWorkspace` (every report of the workspace into the Problems
// panel) and `nianbao.renderHtml` (`nianbao render FILE -o FILE.html`).

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

import {
  CheckOutput,
  FileDiagnostic,
  fileDiagnostics,
  htmlPathFor,
  serverSettings,
  ServerSettings,
  summaryMessage,
} from './report';

const LANGUAGE = 'nianbao';
let client: LanguageClient | undefined;
let output: vscode.OutputChannel;

function settings(): ServerSettings {
  const config = vscode.workspace.getConfiguration('nianbao');
  return serverSettings((key) => config.get(key));
}

/** The binary: `nianbao.server.path`, else the one bundled in the extension,
 *  else `nianbao` on PATH. */
export function serverPath(context: vscode.ExtensionContext): string {
  const configured = vscode.workspace.getConfiguration('nianbao').get<string>('server.path')?.trim();
  if (configured) {
    return configured.replace(/^~(?=$|[\\/])/, process.env.HOME ?? '~');
  }
  const bundled = context.asAbsolutePath(
    path.join('server', process.platform === 'win32' ? 'nianbao.exe' : 'nianbao'),
  );
  if (!fs.existsSync(bundled)) return 'nianbao';
  if (process.platform !== 'win32') {
    // An unpacker that dropped the executable bit must not stop the server.
    try {
      fs.accessSync(bundled, fs.constants.X_OK);
    } catch {
      try {
        fs.chmodSync(bundled, 0o755);
      } catch {
        /* reported when the server fails to start */
      }
    }
  }
  return bundled;
}

function toSeverity(s: FileDiagnostic['severity']): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Hint;
  }
}

function run(
  command: string,
  args: string[],
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string; error?: Error }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        const code =
          error && typeof (error as NodeJS.ErrnoException).code === 'number'
            ? ((error as NodeJS.ErrnoException).code as unknown as number)
            : error
              ? -1
              : 0;
        // A spawn failure (ENOENT…) has a string code and no exit status.
        const spawnError = error && typeof (error as NodeJS.ErrnoException).code === 'string';
        resolve({ code, stdout, stderr, error: spawnError ? error : undefined });
      },
    );
  });
}

async function checkWorkspace(
  context: vscode.ExtensionContext,
  collection: vscode.DiagnosticCollection,
): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('nianbao：请先打开一个文件夹或工作区');
    return;
  }
  const server = serverPath(context);
  const rules = settings().rules;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'nianbao：正在检查工作区中的年度报告…' },
    async () => {
      collection.clear();
      const open = new Set(
        vscode.workspace.textDocuments
          .filter((d) => d.languageId === LANGUAGE && d.uri.scheme === 'file')
          .map((d) => d.uri.fsPath),
      );
      const merged: CheckOutput = { files: [], summary: {} };
      let shown = 0;
      for (const folder of folders) {
        if (folder.uri.scheme !== 'file') continue;
        const cwd = folder.uri.fsPath;
        const result = await run(server, ['check', '--format', 'json', '.'], cwd);
        if (result.error) {
          void vscode.window.showErrorMessage(
            `nianbao：无法运行 ${server}（${result.error.message}）。请检查设置 nianbao.server.path。`,
          );
          return;
        }
        if (result.code !== 0 && result.code !== 1) {
          void vscode.window.showErrorMessage(
            `nianbao check 失败（退出码 ${result.code}）：${result.stderr.trim() || result.stdout.trim()}`,
          );
          return;
        }
        let parsed: CheckOutput;
        try {
          parsed = JSON.parse(result.stdout) as CheckOutput;
        } catch (e) {
          void vscode.window.showErrorMessage(`nianbao check 的输出无法解析：${String(e)}`);
          return;
        }
        for (const [k, v] of Object.entries(parsed.summary ?? {})) {
          merged.summary![k] = (merged.summary![k] ?? 0) + v;
        }
        for (const file of parsed.files) {
          merged.files.push(file);
          const full = path.resolve(cwd, file.path);
          // Open reports have live diagnostics from the language server.
          if (open.has(full) && client?.isRunning()) continue;
          let text: Buffer;
          try {
            text = fs.readFileSync(full);
          } catch {
            continue;
          }
          const uri = vscode.Uri.file(full);
          const diagnostics = fileDiagnostics(file.diagnostics, text, rules).map((d) => {
            const diagnostic = new vscode.Diagnostic(
              new vscode.Range(d.start.line, d.start.character, d.end.line, d.end.character),
              d.message,
              toSeverity(d.severity),
            );
            diagnostic.source = 'nianbao';
            diagnostic.code = d.code;
            diagnostic.relatedInformation = d.related.map(
              (r) =>
                new vscode.DiagnosticRelatedInformation(
                  new vscode.Location(
                    uri,
                    new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
                  ),
                  r.message,
                ),
            );
            return diagnostic;
          });
          shown += diagnostics.length;
          collection.set(uri, diagnostics);
        }
      }
      void vscode.window.showInformationMessage(summaryMessage(merged, shown));
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    },
  );
}

async function renderHtml(context: vscode.ExtensionContext, uri?: vscode.Uri): Promise<void> {
  let document: vscode.TextDocument | undefined;
  if (uri instanceof vscode.Uri) {
    document = await vscode.workspace.openTextDocument(uri);
  } else {
    document = vscode.window.activeTextEditor?.document;
  }
  if (!document || document.languageId !== LANGUAGE) {
    void vscode.window.showErrorMessage('nianbao：请先打开一份 .nianbao 年度报告');
    return;
  }
  if (document.isUntitled || document.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('nianbao：请先把报告保存为 .nianbao 文件');
    return;
  }
  if (document.isDirty) await document.save();
  const file = document.uri.fsPath;
  const out = htmlPathFor(file);
  const server = serverPath(context);
  const result = await run(server, ['render', file, '-o', out], path.dirname(file));
  if (result.error || result.code !== 0) {
    const detail = result.error
      ? result.error.message
      : result.stderr.trim() || result.stdout.trim() || `退出码 ${result.code}`;
    output.appendLine(`nianbao render ${file} -o ${out}: ${detail}`);
    void vscode.window.showErrorMessage(`nianbao：生成 HTML 失败：${detail}`);
    return;
  }
  const openBrowser = '在浏览器中打开';
  const openSource = '打开 HTML 文件';
  const choice = await vscode.window.showInformationMessage(
    `nianbao：已生成 ${path.basename(out)}`,
    openBrowser,
    openSource,
  );
  if (choice === openBrowser) await vscode.env.openExternal(vscode.Uri.file(out));
  if (choice === openSource) await vscode.window.showTextDocument(vscode.Uri.file(out));
}

function startClient(context: vscode.ExtensionContext): LanguageClient {
  const command = serverPath(context);
  const serverOptions: ServerOptions = {
    run: { command, args: ['lsp'], transport: TransportKind.stdio },
    debug: { command, args: ['lsp'], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: LANGUAGE, scheme: 'file' },
      { language: LANGUAGE, scheme: 'untitled' },
    ],
    initializationOptions: settings(),
    outputChannel: output,
    traceOutputChannel: output,
    diagnosticCollectionName: 'nianbao',
  };
  const c = new LanguageClient('nianbao', 'nianbao 年报', serverOptions, clientOptions);
  void c.start().catch((e: unknown) => {
    void vscode.window.showErrorMessage(
      `nianbao：语言服务器启动失败（${command} lsp）：${String(e)}。请检查设置 nianbao.server.path。`,
    );
  });
  return c;
}

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel('nianbao 年报');
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('nianbao-workspace');
  context.subscriptions.push(output, workspaceDiagnostics);

  client = startClient(context);

  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.checkWorkspace', () =>
      checkWorkspace(context, workspaceDiagnostics),
    ),
    vscode.commands.registerCommand('nianbao.renderHtml', (uri?: vscode.Uri) => renderHtml(context, uri)),
    vscode.commands.registerCommand('nianbao.restartServer', async () => {
      if (client) await client.stop().catch(() => undefined);
      client = startClient(context);
    }),
    // Once a report is open, the server's live diagnostics replace the
    // workspace check's.
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.languageId === LANGUAGE) workspaceDiagnostics.delete(d.uri);
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('nianbao')) return;
      if (e.affectsConfiguration('nianbao.server.path')) {
        const restart = '重启语言服务器';
        const choice = await vscode.window.showInformationMessage(
          'nianbao：语言服务器路径已修改，重启后生效。',
          restart,
        );
        if (choice === restart) await vscode.commands.executeCommand('nianbao.restartServer');
        return;
      }
      if (client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { nianbao: settings() },
        });
      }
    }),
  );
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop().catch(() => undefined);
}
