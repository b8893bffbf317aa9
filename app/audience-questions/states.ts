import type { AudienceQuestionState } from '../generated/prisma/enums.ts'

/** The states of an audience question, in the order the console offers them (ADR 0029); shared by server and browser code. */
export const QUESTION_STATES = ['new', 'selected', 'answered', 'hidden'] as const satisfies readonly AudienceQuestionState[]
export type QuestionState = (typeof QUESTION_STATES)[number]
