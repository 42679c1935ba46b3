// Draws the portal's icons (run once: `npm run icons`; the PNGs are committed, nothing is
// downloaded): a white house with a blue tick on the brand blue. Plain PNG encoding with zlib.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { ROOT } from "@/scripts/paths";

type RGBA = [number, number, number, number];
const BRAND: RGBA = [11, 92, 173, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const CLEAR: RGBA = [0, 0, 0, 0];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size: number, pixel: (x: number, y: number) => RGBA): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// The drawing, on a unit square.
const HOUSE: [number, number][] = [
  [0.5, 0.2],
  [0.8, 0.46],
  [0.72, 0.46],
  [0.72, 0.8],
  [0.28, 0.8],
  [0.28, 0.46],
  [0.2, 0.46],
];
const TICK: [number, number][] = [
  [0.38, 0.6],
  [0.47, 0.69],
  [0.63, 0.52],
];
function inside(px: number, py: number, poly: [number, number][]): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}
function nearSegment(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number], r: number) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return (px - ax - t * (bx - ax)) ** 2 + (py - ay - t * (by - ay)) ** 2 <= r * r;
}
/** `scale` < 1 draws the picture smaller (a maskable icon's safe zone); `rounded` clears the corners. */
function colourAt(u: number, v: number, { scale, rounded }: { scale: number; rounded: boolean }): RGBA {
  if (rounded) {
    const r = 0.18;
    const cx = Math.min(Math.max(u, r), 1 - r);
    const cy = Math.min(Math.max(v, r), 1 - r);
    if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return CLEAR;
  }
  const x = (u - 0.5) / scale + 0.5;
  const y = (v - 0.5) / scale + 0.5;
  if (nearSegment(x, y, TICK[0], TICK[1], 0.045) || nearSegment(x, y, TICK[1], TICK[2], 0.045)) return BRAND;
  if (inside(x, y, HOUSE)) return WHITE;
  return BRAND;
}
function icon(size: number, opts: { scale: number; rounded: boolean }): Buffer {
  const n = 4;
  return png(size, (x, y) => {
    const acc = [0, 0, 0, 0];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const c = colourAt((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size, opts);
        for (let k = 0; k < 3; k++) acc[k] += c[k] * c[3];
        acc[3] += c[3];
      }
    const a = acc[3];
    return a === 0 ? CLEAR : [Math.round(acc[0] / a), Math.round(acc[1] / a), Math.round(acc[2] / a), Math.round(a / (n * n))];
  });
}
/** An .ico holding PNG images (every browser since 2010 reads them). */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    head[e] = size >= 256 ? 0 : size;
    head[e + 1] = size >= 256 ? 0 : size;
    head.writeUInt16LE(1, e + 4);
    head.writeUInt16LE(32, e + 6);
    head.writeUInt32LE(data.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...images.map((i) => i.data)]);
}

const icons = path.join(ROOT, "public", "icons");
mkdirSync(icons, { recursive: true });
const plain = { scale: 1, rounded: true };
writeFileSync(path.join(icons, "icon-192.png"), icon(192, plain));
writeFileSync(path.join(icons, "icon-512.png"), icon(512, plain));
writeFileSync(path.join(icons, "icon-maskable-512.png"), icon(512, { scale: 0.8, rounded: false }));
writeFileSync(path.join(ROOT, "app", "apple-icon.png"), icon(180, { scale: 1, rounded: false }));
writeFileSync(path.join(ROOT, "app", "favicon.ico"), ico([16, 32, 48].map((size) => ({ size, data: icon(size, plain) }))));
console.log("[công dân số] icons written: public/icons/, app/apple-icon.png, app/favicon.ico");
