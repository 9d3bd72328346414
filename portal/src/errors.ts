// Reverts as sentences: the custom error decoded with the deployment's ABIs, amounts in SESH.
import { BaseError, decodeErrorResult, type AbiItem, type Hex } from 'viem';
import { sesh } from './format';

const AMOUNT = /amount|minimum|maximum|stake|required|requirement|available|balance|remaining|allowance|needed|deposit|free|sesh|cap|max|min|owed|value|price|limit/i;
const NOT_AMOUNT = /time|at$|until|from|bps|id$|count|slots|version|length|position|ratio|expiry|duration/i;

/** "ContributionBelowMinimum" -> "Contribution below minimum"; "ERC20InsufficientBalance" -> "ERC-20: insufficient balance". */
function words(name: string): string {
  const standard = /^(ERC\d+)(.*)$/.exec(name);
  const rest = standard ? standard[2] : name;
  const lower = rest.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase().trim();
  if (standard) return `${standard[1].replace(/^ERC/, 'ERC-')}: ${lower}`;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function value(name: string, type: string, raw: unknown): string {
  if (typeof raw === 'bigint') {
    if (type.startsWith('uint') && AMOUNT.test(name) && !NOT_AMOUNT.test(name)) return sesh(raw);
    return raw.toString();
  }
  return Array.isArray(raw) ? `[${raw.map((r) => String(r)).join(', ')}]` : String(raw);
}

/** "Below minimum: amount 1 SESH, minimum 2,083.333333334 SESH (ContributionBelowMinimum)." */
export function sentenceOf(errors: AbiItem[], data: Hex): string | undefined {
  try {
    const decoded = decodeErrorResult({ abi: errors, data });
    const item = errors.find((e) => e.type === 'error' && e.name === decoded.errorName) as { inputs?: { name: string; type: string }[] } | undefined;
    const args = (decoded.args ?? []) as unknown[];
    const parts = args.map((arg, i) => {
      const input = item?.inputs?.[i];
      const name = input?.name || `value ${i + 1}`;
      return `${name} ${value(name, input?.type ?? '', arg)}`;
    });
    if (decoded.errorName === 'Error' && typeof args[0] === 'string') return `The contract refused: ${args[0]} (Error).`;
    return `${words(decoded.errorName)}${parts.length ? `: ${parts.join(', ')}` : ''} (${decoded.errorName}).`;
  } catch {
    return undefined;
  }
}

function revertData(error: unknown): Hex | undefined {
  let found: Hex | undefined;
  const visit = (e: unknown): void => {
    if (!e || typeof e !== 'object' || found) return;
    const data = (e as { data?: unknown }).data;
    if (typeof data === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(data)) found = data as Hex;
    else if (data && typeof data === 'object' && typeof (data as { data?: unknown }).data === 'string') found = (data as { data: Hex }).data;
    if (!found && (e as { raw?: unknown }).raw && typeof (e as { raw: unknown }).raw === 'string') found = (e as { raw: Hex }).raw;
    visit((e as { cause?: unknown }).cause);
  };
  visit(error);
  return found;
}

/** One sentence for any failure: a decoded custom error when the chain gave one. */
export function explain(errors: AbiItem[], error: unknown): string {
  const data = revertData(error);
  if (data) {
    const sentence = sentenceOf(errors, data);
    if (sentence) return sentence;
  }
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => (e as { name?: string }).name === 'ContractFunctionRevertedError') as { reason?: string } | null;
    if (reverted?.reason) return `The contract refused: ${reverted.reason}.`;
    return error.shortMessage;
  }
  return error instanceof Error ? error.message : String(error);
}
