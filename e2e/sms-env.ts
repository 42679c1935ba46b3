// The SMS provider the browser tests play (e2e/sms.spec.ts starts it): every app server of the
// e2e run is told where it is, so that whichever server's worker takes an SMS job can send it.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 50;

export const SMPP_TEST = { port: PORT, systemId: "congdanso-e2e", password: "e2e-secret", source: "TUKY-XA" } as const;

export const SMPP_TEST_ENV: Record<string, string> = {
  SMPP_URL: `smpp://127.0.0.1:${PORT}`,
  SMPP_SYSTEM_ID: SMPP_TEST.systemId,
  SMPP_PASSWORD: SMPP_TEST.password,
  SMPP_SOURCE: SMPP_TEST.source,
};
