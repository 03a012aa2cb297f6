import { checkPassword, hashPassword } from '@distillery/db/seed';
import { AppError, AppErrorCode } from '@distillery/errors';

/** Check a new password against the policy (typed BAD_USER_INPUT naming `field`) and hash it. */
export async function hashNewPassword(field: string, password: string, email?: string): Promise<string> {
  const verdict = checkPassword(password, { email });
  if (verdict)
    throw new AppError(AppErrorCode.BAD_USER_INPUT, `${field}: ${verdict.message}`, {
      field,
      details: { reason: `PASSWORD_${verdict.problem}` },
    });
  return hashPassword(password);
}
