export {
  type ConfirmRequest,
  checkSoakDuration,
  confirmationVariable,
  confirmCategory,
  formatDuration,
  GateInputError,
  GateRefusal,
  isCI,
  isConfirmed,
  LOCAL_SOAK_LIMIT_MS,
  parseDuration,
} from './gates.ts';
