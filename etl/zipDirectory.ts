/**
 * The central directory of a zip file (an XLSX is one): every entry with its sizes as the
 * archive declares them, read from the end of the buffer without inflating anything. The ETL
 * uses it to refuse a zip bomb before converting; the fixture writer to patch entry times.
 */

export interface ZipEntry {
  name: string;
  compressedSize: number;
  /** As declared; 0xFFFFFFFF means a zip64 size (more than 4 GiB). */
  uncompressedSize: number;
  /** Offset of the entry's central directory record. */
  centralOffset: number;
  /** Offset of the entry's local file header. */
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export class ZipStructureError extends Error {}

export function zipEntries(zip: Buffer): ZipEntry[] {
  // The end-of-central-directory record is the last 22 bytes plus a comment of up to 64 KiB.
  let eocd = zip.length - 22;
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  while (eocd >= lowest && zip.readUInt32LE(eocd) !== EOCD) eocd--;
  if (eocd < lowest) throw new ZipStructureError('geen geldig zip-bestand');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL) throw new ZipStructureError('onverwachte zip-structuur');
    const nameLength = zip.readUInt16LE(p + 28);
    entries.push({
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
      compressedSize: zip.readUInt32LE(p + 20),
      uncompressedSize: zip.readUInt32LE(p + 24),
      centralOffset: p,
      localOffset: zip.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}
