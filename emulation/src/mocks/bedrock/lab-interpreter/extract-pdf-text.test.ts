import { PDFDocument, PDFHexString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { LAB_REPORT_FIXTURES, readLabReportFixture } from '../../../../../e2e/fixtures/lab-reports/lab-report-fixtures.ts';
import { makeLabReportPdf } from '../../../../../e2e/fixtures/lab-reports/make-pdf.ts';
import { extractPdfText } from './extract-pdf-text.ts';
import { interpretLabReport } from './interpret-lab-report.ts';
import { PdfUnreadableError } from './pdf-unreadable-error.ts';

async function reasonFor(bytes: Uint8Array): Promise<string> {
  const error: unknown = await extractPdfText(bytes).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PdfUnreadableError);
  return (error as PdfUnreadableError).reason;
}

describe('extractPdfText', () => {
  it.each(LAB_REPORT_FIXTURES)('round-trips %s: the PDF interprets to the same values as the text', async (fixture) => {
    const text = readLabReportFixture(fixture);
    const extracted = await extractPdfText(await makeLabReportPdf(text));
    expect(interpretLabReport(extracted).labValues).toEqual(interpretLabReport(text).labValues);
    expect(interpretLabReport(extracted)).toEqual(interpretLabReport(text));
  });

  it('keeps analyte lines intact, one per line', async () => {
    const extracted = await extractPdfText(await makeLabReportPdf('Lipid Panel\nLDL Cholesterol 162 mg/dL <100\nHDL 38 mg/dL >40'));
    expect(extracted.split('\n')).toEqual(['Lipid Panel', 'LDL Cholesterol 162 mg/dL <100', 'HDL 38 mg/dL >40']);
  });

  it('joins pages with a line break', async () => {
    const lines = Array.from({ length: 120 }, (_, index) => `Marker ${index} ${index + 1} mg/dL 1-500`);
    const extracted = await extractPdfText(await makeLabReportPdf(lines.join('\n')));
    expect(extracted.split('\n')).toEqual(lines);
  });

  it('does not detach the caller’s buffer', async () => {
    const pdf = await makeLabReportPdf('HDL 38 mg/dL >40');
    await extractPdfText(pdf);
    expect(pdf.byteLength).toBeGreaterThan(0);
    expect(await extractPdfText(pdf)).toBe('HDL 38 mg/dL >40');
  });

  it('throws PdfUnreadableError(not_a_pdf) for garbage bytes and broken PDFs', async () => {
    expect(await reasonFor(new TextEncoder().encode('hello, this is not a PDF at all'))).toBe('not_a_pdf');
    expect(await reasonFor(new Uint8Array())).toBe('not_a_pdf');
    expect(await reasonFor(new TextEncoder().encode('%PDF-1.7\n%%EOF\n'))).toBe('not_a_pdf');
  });

  it('throws PdfUnreadableError(no_text_layer) for a PDF without text, as a scan would be', async () => {
    const document = await PDFDocument.create();
    document.addPage().drawRectangle({ x: 50, y: 50, width: 200, height: 100 });
    expect(await reasonFor(await document.save())).toBe('no_text_layer');
  });

  it('throws PdfUnreadableError(encrypted) for a password-protected PDF', async () => {
    const document = await PDFDocument.create();
    const font = await document.embedFont(StandardFonts.Helvetica);
    document.addPage().drawText('Hemoglobin 11.2 g/dL', { x: 50, y: 700, font, size: 10 });
    // A standard security handler whose empty user password does not match: PDF.js asks for one.
    const { context } = document;
    context.trailerInfo.Encrypt = context.register(context.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -44, O: PDFHexString.of('00'.repeat(32)), U: PDFHexString.of('11'.repeat(32)) }));
    context.trailerInfo.ID = context.obj([PDFHexString.of('ab'.repeat(16)), PDFHexString.of('ab'.repeat(16))]);
    expect(await reasonFor(await document.save({ useObjectStreams: false }))).toBe('encrypted');
  });
});
