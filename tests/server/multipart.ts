/** A multipart/form-data body by hand, as a browser sends one file. */
export function multipartFile(fileName: string, content: string | Buffer, field = 'file') {
  const boundary = `----koersbord${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const HEADER = 'gemeente_code;periode;toewijzing_id;client_id;geboortejaar;aanbieder_agb;aanbieder_naam;productcategorie;productcode;begindatum;einddatum;reden_einde;verwijzer';

/** A small valid toewijzingen delivery for Enschede, hand-made. */
export function toewijzingenCsv(periode = '2025-03', rows = 3): string {
  const lines = Array.from({ length: rows }, (_, i) =>
    `GM0153;${periode};TW${String(i + 1).padStart(4, '0')};client-${String(i + 1).padStart(6, '0')};2012;12345678;De Hoeve;44;44W01;2025-01-0${(i % 9) + 1};;;01`,
  );
  return [HEADER, ...lines].join('\n') + '\n';
}

/** The same delivery with an impossible date on line 3: the whole file must be refused. */
export function brokenToewijzingenCsv(periode = '2025-04'): string {
  return toewijzingenCsv(periode, 3).replace('2025-01-02', '2025-02-31');
}
