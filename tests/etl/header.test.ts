/** From a header line to the contract: delimiter, kind, column mapping, aliases, file name hints. */
import { describe, expect, it } from 'vitest';
import { fileNameHints, normaliseHeader, readHeader } from '../../etl/header.ts';
import { loadRegion } from '../../region/config.ts';

const region = loadRegion();
const none = { kind: null, gemeente_code: null, periode: null };
const T_HEADER = 'gemeente_code;periode;toewijzing_id;client_id;geboortejaar;aanbieder_agb;aanbieder_naam;productcategorie;productcode;begindatum;einddatum;reden_einde;verwijzer';

describe('file name hints', () => {
  it('the suggested pattern gives kind, gemeente and period, also with a correction suffix', () => {
    expect(fileNameHints('toewijzingen_GM0153_2025-03.csv')).toEqual({ kind: 'toewijzingen', gemeente_code: 'GM0153', periode: '2025-03' });
    expect(fileNameHints('/x/declaraties_gm0141_2024-12_v2.XLSX')).toEqual({ kind: 'declaraties', gemeente_code: 'GM0141', periode: '2024-12' });
  });

  it('a name that only starts with a kind gives the kind; any other name gives nothing', () => {
    expect(fileNameHints('bevolking_2024.csv')).toEqual({ kind: 'bevolking', gemeente_code: null, periode: null });
    expect(fileNameHints('export maart.csv')).toEqual(none);
  });
});

describe('header names', () => {
  it('are matched in any case, with surrounding spaces, and with spaces or dashes for underscores', () => {
    expect([' Gemeente_Code ', 'PERIODE', 'gemeente code', 'Toewijzing-ID', '\uFEFFgemeente_code'].map(normaliseHeader)).toEqual([
      'gemeente_code',
      'periode',
      'gemeente_code',
      'toewijzing_id',
      'gemeente_code',
    ]);
  });
});

describe('reading a header', () => {
  it.each([
    [';', T_HEADER],
    [',', T_HEADER.replaceAll(';', ',')],
    ['\t', T_HEADER.replaceAll(';', '\t')],
  ])('recognises the delimiter %j by the names it makes readable', (delimiter, line) => {
    const m = readHeader(line, null, region, none, null);
    expect(m.delimiter).toBe(delimiter);
    expect(m.kind?.kind).toBe('toewijzingen');
    expect(m.columns.every((c) => c.column !== null)).toBe(true);
  });

  it('a comma inside a quoted header name does not make the comma the delimiter', () => {
    const m = readHeader(`${T_HEADER};"opmerking, vrij"`, null, region, none, null);
    expect(m.delimiter).toBe(';');
    expect(m.columns.at(-1)).toEqual({ header: 'opmerking, vrij', column: null });
  });

  it('recognises each kind by its columns', () => {
    expect(readHeader('gemeente_code,jaar,jeugd_0_17', null, region, none, null).kind?.kind).toBe('bevolking');
    expect(readHeader('gemeente_code;periode;declaratie_id;toewijzing_id;client_id;productcode', null, region, none, null).kind?.kind).toBe('declaraties');
    expect(readHeader('naam;adres', null, region, none, null).kind).toBeNull();
  });

  it('finds columns named like bsn', () => {
    expect(readHeader(`${T_HEADER};BSN`, null, region, none, null).bsnColumns).toEqual(['BSN']);
    expect(readHeader(`${T_HEADER};client_bsn;Burgerservicenummer`, null, region, none, null).bsnColumns).toEqual(['client_bsn', 'Burgerservicenummer']);
  });

  it('chooses the alias of the gemeente in the file name, else of the first data row', () => {
    const aliased = { ...region, extractAliases: { GM0164: { headers: { gemeente: 'gemeente_code', nr: 'toewijzing_id' }, amountsInCents: false, gemeenteCodeWithoutPrefix: true } } };
    const header = T_HEADER.replace('gemeente_code', 'Gemeente').replace('toewijzing_id', 'Nr');
    const byRow = readHeader(header, '0164;2025-03;T1', aliased, none, null);
    expect(byRow.aliasGemeente).toBe('GM0164');
    expect(byRow.columns.slice(0, 3).map((c) => c.column)).toEqual(['gemeente_code', 'periode', 'toewijzing_id']);
    const byName = readHeader(header, null, aliased, fileNameHints('toewijzingen_GM0164_2025-03.csv'), null);
    expect(byName.aliasGemeente).toBe('GM0164');
    const other = readHeader(header, '0153;2025-03;T1', aliased, none, null);
    expect(other.aliasGemeente).toBeNull();
    expect(other.columns[0].column).toBeNull();
  });
});
