export declare const MAX_AGE_MS: number;
export default class PageCache {
  get(key: string): Promise<{ value: unknown; lastModified: number; tags: string[] } | null>;
  set(key: string, data: unknown, ctx: { tags?: string[] }): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
