import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	company: 'get' | 'getAll';
	custom: 'call';
	folder: 'create' | 'delete' | 'getAll';
	image:
		| 'copy'
		| 'createDerived'
		| 'delete'
		| 'download'
		| 'get'
		| 'getAll'
		| 'getByName'
		| 'getMetadata'
		| 'move'
		| 'rename'
		| 'replace'
		| 'setMetadata'
		| 'setUrlModifier';
	job: 'uploadFromUrls' | 'publish' | 'get';
};

export type Scene7IpsType = AllEntities<NodeMap>;
