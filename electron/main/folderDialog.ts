// The 'folders' channel: the window asks for the system's folder dialog (a USB stick the app did not
// list, a network folder). Same sender checks as the API channel; the renderer gets only the path the
// clerk chose there, which it then passes to the export or import calls like a typed folder.
import { BrowserWindow, dialog, type IpcMain } from 'electron';
import { z } from 'zod';
import { FOLDER_CHANNEL, type FolderPick } from '../api/windowApi';
import { senderRefusal, type RegisterApiOptions } from './ipc';

export { FOLDER_CHANNEL };

const pickPayload = z.object({ title: z.string().min(1).max(100) });

type Event = Parameters<Parameters<IpcMain['handle']>[1]>[0];

export async function handleFolderCall(options: Omit<RegisterApiOptions, 'context'>, event: Event, op: unknown, payload: unknown): Promise<FolderPick> {
  const refusal = senderRefusal(event, { ...options, context: { actor: '' } });
  if (refusal !== null) return { ok: false, message: `拒绝打开文件夹对话框:${refusal}` };
  if (op !== 'pick') return { ok: false, message: '未知的文件夹操作' };
  const parsed = pickPayload.safeParse(payload);
  if (!parsed.success) return { ok: false, message: '文件夹对话框的标题不正确' };
  const owner = BrowserWindow.fromWebContents(event.sender);
  const dialogOptions = { title: parsed.data.title, properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
  const choice = await (owner ? dialog.showOpenDialog(owner, dialogOptions) : dialog.showOpenDialog(dialogOptions));
  if (choice.canceled || choice.filePaths.length === 0) return { ok: false, cancelled: true, message: '已取消' };
  return { ok: true, path: choice.filePaths[0] };
}

export function registerFolderDialog(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, options: Omit<RegisterApiOptions, 'context'>): () => void {
  ipcMain.removeHandler(FOLDER_CHANNEL);
  ipcMain.handle(FOLDER_CHANNEL, (event, op: unknown, payload: unknown) => handleFolderCall(options, event, op, payload));
  return () => ipcMain.removeHandler(FOLDER_CHANNEL);
}
