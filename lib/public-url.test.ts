import { afterEach, describe, expect, it, vi } from "vitest";
import { publicOrigin } from "@/lib/public-url";

const headers = (host: string | null) => ({ get: (k: string) => (k === "host" ? host : null) });

afterEach(() => vi.unstubAllEnvs());

describe("the portal's public URL", () => {
  it("is AUTH_URL's origin, whatever address the request reached", () => {
    vi.stubEnv("AUTH_URL", "https://congdanso.example.vn/api/auth");
    vi.stubEnv("NODE_ENV", "production");
    expect(publicOrigin(headers("0.0.0.0:3918"))).toBe("https://congdanso.example.vn");
  });

  it("is required in production", () => {
    vi.stubEnv("AUTH_URL", "");
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "");
    expect(() => publicOrigin(headers("evil.example"))).toThrow(/AUTH_URL/);
  });

  it("falls back to the browser's Host in development and in the demo, never to a hostile one", () => {
    vi.stubEnv("AUTH_URL", "");
    vi.stubEnv("NODE_ENV", "development");
    expect(publicOrigin(headers("192.168.1.5:3000"))).toBe("http://192.168.1.5:3000");
    expect(publicOrigin(headers("evil.example/x?"))).toBe("http://localhost:3000");
    expect(publicOrigin(headers(null))).toBe("http://localhost:3000");
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "1");
    expect(publicOrigin(headers("localhost:3364"))).toBe("http://localhost:3364");
  });
});
