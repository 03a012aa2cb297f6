// The tie conventions are vocabulary (@distillery/domain): the API stores one per ensemble.
export { TIE_CONVENTIONS, type TieConvention } from '@distillery/domain';
