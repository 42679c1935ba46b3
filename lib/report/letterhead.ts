// How a commune heads and signs an administrative document (Decree 30/2020/NĐ-CP): the issuing
// body and its superior, whom a report is addressed to, the place before the date, and who signs.
// Each is set per commune (commune.doc_*); when not set, it is derived from the commune's name and
// province, the way a People's Committee names itself.

export type Letterhead = {
  superior: string | null;
  issuer: string;
  recipient: string;
  place: string;
  signerAuthority: string;
  signerPosition: string;
  signerName: string | null;
};

export type CommuneLetterheadRow = {
  name: string;
  province: string;
  docIssuer: string | null;
  docSuperior: string | null;
  docRecipient: string | null;
  docPlace: string | null;
  docSignerAuthority: string | null;
  docSignerPosition: string | null;
  docSignerName: string | null;
};

/** The columns letterheadOf reads. */
export const LETTERHEAD_SELECT = {
  name: true,
  province: true,
  docIssuer: true,
  docSuperior: true,
  docRecipient: true,
  docPlace: true,
  docSignerAuthority: true,
  docSignerPosition: true,
  docSignerName: true,
} as const;

const COMMITTEE = "Ủy ban nhân dân";
const upper = (s: string) => s.toLocaleUpperCase("vi");
/** "Xã Tứ Kỳ" → "Tứ Kỳ": the place name without its kind of unit. */
const bareName = (s: string) => s.replace(/^(xã|phường|thị trấn|đặc khu)\s+/iu, "").trim();
/** "Thành phố Hải Phòng" → "thành phố Hải Phòng", as it reads inside a sentence. */
const inSentence = (s: string) => (/^(thành phố|tỉnh)\s/iu.test(s) ? s.charAt(0).toLocaleLowerCase("vi") + s.slice(1) : s);

const blank = (s: string | null) => (s && s.trim() ? s.trim() : null);

/** The commune's letterhead: what is set, else derived from its name and province. */
export function letterheadOf(c: CommuneLetterheadRow): Letterhead {
  return {
    superior: blank(c.docSuperior) ?? upper(`${COMMITTEE} ${c.province}`),
    issuer: blank(c.docIssuer) ?? upper(`${COMMITTEE} ${c.name}`),
    recipient: blank(c.docRecipient) ?? `${COMMITTEE} ${inSentence(c.province)}`,
    place: blank(c.docPlace) ?? bareName(c.name),
    signerAuthority: blank(c.docSignerAuthority) ?? upper(`TM. ${COMMITTEE}`),
    signerPosition: blank(c.docSignerPosition) ?? "CHỦ TỊCH",
    signerName: blank(c.docSignerName),
  };
}
