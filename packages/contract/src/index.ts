/** `@assay/contract`: Pact for a monorepo — verification with structured results, offline can-i-deploy, contract fuzzing. */
export {
  CONTRACT_REPORT_FILE,
  canIDeploy,
  type DeployCheck,
  type PactStatus,
  writeDeployCheck,
} from './can-i-deploy.ts';
export { arbitraryFor, type FuzzReport, formatFuzzFailure, fuzzInteraction } from './fuzz.ts';
export { checkBody, checkResponse } from './matching.ts';
export {
  ContractError,
  type Interaction,
  interactionName,
  type Pact,
  readPact,
  readPacts,
} from './pact-file.ts';
export { runPactVerifier } from './pact-verifier.ts';
export {
  checkStates,
  pactsFor,
  type StateHandlers,
  VERIFICATION_FILE,
  type VerificationResults,
  verificationFailures,
  verifyPacts,
  writeVerification,
} from './verify.ts';
