/** `@assay/contract`: Pact for a monorepo — HTTP and message verification with structured results, offline can-i-deploy, contract fuzzing. */
export {
  CONTRACT_REPORT_FILE,
  canIDeploy,
  type DeployCheck,
  type PactStatus,
  writeDeployCheck,
} from './can-i-deploy.ts';
export { arbitraryFor, type FuzzReport, formatFuzzFailure, fuzzInteraction } from './fuzz.ts';
export {
  type ActualResponse,
  checkBody,
  checkResponse,
  type ExpectedResponse,
  type ResponseRules,
} from './matching.ts';
export {
  checkMessage,
  checkProducers,
  type MessageProducer,
  type MessageProducers,
  type ProducedMessage,
} from './messages.ts';
export type { MatchingRule, RuleGroup, Rules } from './pact-file.ts';
export {
  ContractError,
  everyInteraction,
  type Interaction,
  interactionName,
  type MessageInteraction,
  type Pact,
  type PactInteraction,
  readPact,
  readPacts,
} from './pact-file.ts';
export { runPactVerifier } from './pact-verifier.ts';
export {
  checkStates,
  pactsFor,
  type StateHandlers,
  type VerificationResults,
  verificationFailures,
  verificationFile,
  verificationFiles,
  verifyPacts,
  writeVerification,
} from './verify.ts';
