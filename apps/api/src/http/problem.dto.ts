import { ApiProperty } from '@nestjs/swagger';

/** Every refusal's body: the status, what is wrong (a sentence, or each broken rule), and the status's name. */
export class Problem {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], example: ['sha must be a full git sha (40 or 64 lowercase hex digits)'] })
  message!: string | string[];

  @ApiProperty({ required: false, example: 'Bad Request' })
  error?: string;
}
