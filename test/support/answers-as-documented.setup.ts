import { answersSinceLastLook, ApiDocument } from './documented-answers';

/**
 * For every end-to-end test: each answer the in-process API gave it (see `startApi`) has a status
 * its route's OpenAPI document lists, and, for JSON, a body its schema for that status accepts.
 * A test that received an undocumented answer fails, naming the route, the status and the fields.
 */
const document = ApiDocument.fromFile();
if (!document) throw new Error('no OpenAPI document to check answers against: test/support/openapi-global-setup.ts writes it before the suites');

function expectAnswersAsDocumented(): void {
  const problems = answersSinceLastLook().flatMap((answer) => document!.problemsOf(answer));
  if (problems.length > 0) throw new Error(`answers unlike the OpenAPI document:\n${problems.join('\n')}`);
}

afterEach(expectAnswersAsDocumented);
afterAll(expectAnswersAsDocumented);
