import { ApiProperty } from '@nestjs/swagger';

export class HealthAnswer {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}
