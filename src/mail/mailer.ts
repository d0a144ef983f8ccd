import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** False when no SMTP server is configured: features that need e-mail say so instead of pretending. */
  readonly canSend: boolean;
  send(mail: OutgoingMail): Promise<void>;
}

/** E-mail over SMTP (nodemailer). `SMTP_URL` like smtp://user:pass@host:587 selects the server. */
export function createMailer(options: { smtpUrl: string | undefined; from: string }): Mailer {
  if (!options.smtpUrl) {
    return {
      canSend: false,
      send: async () => {
        throw new Error('E-mail is not configured on this server: set SMTP_URL.');
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    canSend: true,
    send: async (mail) => {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
    },
  };
}
