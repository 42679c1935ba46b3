export declare const ZOD_JITLESS: string;
export declare const ZOD_JITLESS_HASH: string;
export declare function inlineScriptHashes(html: string): string[];
export declare function contentSecurityPolicy(scripts: string[], opts: { dev: boolean; https: boolean }): string;
export declare function policyOptions(env?: NodeJS.ProcessEnv): { dev: boolean; https: boolean };
