import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	image: 'copy';
};

export type Scene7IpsType = AllEntities<NodeMap>;
