// The parts of the `smpp` package (node-smpp 0.5, which ships no types) that lib/outbox/smpp.ts
// and its test server use.
declare module "smpp" {
  import type { EventEmitter } from "node:events";
  import type { Server as NetServer } from "node:net";

  export type PduFields = Record<string, unknown>;
  /** A PDU: its command, status and sequence, and its fields by their SMPP names. */
  export class PDU {
    constructor(command: string, fields?: PduFields);
    [field: string]: unknown;
    command: string;
    command_status: number;
    sequence_number: number;
    response(fields?: PduFields): PDU;
    isResponse(): boolean;
  }
  export class Session extends EventEmitter {
    socket: import("node:net").Socket;
    send(pdu: PDU, responseCallback?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    [command: string]: unknown;
  }
  export function connect(
    options: { url?: string; host?: string; port?: number; auto_enquire_link_period?: number },
    listener?: () => void,
  ): Session;
  export function createServer(listener?: (session: Session) => void): NetServer;
  export const ESME_ROK: number;
  export const ESME_RSYSERR: number;
  export const ESME_RINVSRCADR: number;
  export const ESME_RINVDSTADR: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RMSGQFUL: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RSUBMITFAIL: number;
  export const ESM_CLASS: Record<string, number>;
  export const ENCODING: Record<string, number>;
}
