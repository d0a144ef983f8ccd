import PDFDocument from 'pdfkit';
import { longDateText } from '../shared/long-date.ts';
import type { ProspectusSnapshot } from './publish-prospectus.ts';

/**
 * The London prospectus as a PDF, from the same snapshot the page shows: each intention with its
 * service area, who raised it and the specification it uses, and the decision that agreed them.
 */
export async function renderProspectusPdf(prospectus: ProspectusSnapshot): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: prospectus.title, Author: prospectus.body, Creator: 'Concordat' },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  document.font('Helvetica').fontSize(12).text(prospectus.body);
  document.font('Helvetica-Bold').fontSize(20).text(prospectus.title);
  document.font('Helvetica').fontSize(11).moveDown(0.3);
  document.text(`Published ${longDateText(prospectus.publishedOn)}`);
  if (prospectus.agreement) {
    const agreement = prospectus.agreement;
    document.text(
      `Agreed by ${prospectus.body} on ${longDateText(agreement.agreedOn)}: “${agreement.question}”, ${agreement.meeting} (${longDateText(agreement.meetingOn)}), ${agreement.outcome.toLowerCase()}.`,
    );
    document
      .moveDown(0.3)
      .font('Helvetica-Oblique')
      .text(`${agreement.clause}: “${agreement.text}”`);
    document.font('Helvetica');
  }
  for (const quoted of prospectus.clauses) {
    document.moveDown(0.3).font('Helvetica-Oblique').text(`${quoted.clause}: “${quoted.text}”`);
  }
  document.font('Helvetica');
  for (const intention of prospectus.intentions) {
    document
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(`${intention.position}. ${intention.title}`);
    document.font('Helvetica').fontSize(11).text(`Service area: ${intention.serviceArea}`);
    document.moveDown(0.2).text(intention.description);
    const raised = [...intention.raisedBy.primaryCareTrusts, ...intention.raisedBy.localGroups];
    document
      .moveDown(0.2)
      .text(`Raised by: ${raised.length ? raised.join(', ') : 'the London group'}`);
    if (intention.raisedBy.sectors.length) {
      document.text(`Sectors: ${intention.raisedBy.sectors.join(', ')}`);
    }
    if (intention.specification) {
      document.text(
        `Specification: ${intention.specification.title}, version ${intention.specification.version}`,
      );
    }
  }
  document.end();
  return finished;
}
