import { ErrorCode, type Result } from '../../shared/ipc/contract-kit';

/** The client promises a Result; should it reject anyway, the page says so instead of waiting forever. */
export async function settle<T>(call: Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call;
  } catch (cause) {
    return { ok: false, error: { code: ErrorCode.Internal, message: String(cause) } };
  }
}
