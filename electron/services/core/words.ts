// What a line of the window says, as a key and its values, so that the window says it in its own language
// (renderer/src/lib/words.ts with the `words` strings of both locales). The service's Chinese sentence stays
// beside it for the CLI, the prints and the exports. Values are data (dates, numbers, names) or codes the
// window labels itself (a member field's key, an organization status).
export interface Words {
  key: string;
  params: Record<string, string | number>;
}

export const words = (key: string, params: Record<string, string | number | null | undefined> = {}): Words => ({
  key,
  params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null && v !== undefined)) as Record<string, string | number>,
});
