import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches } from 'class-validator';
import { WINDOW_STATES, type WindowState } from '@hallq/queue';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null';

const LABEL = /^[\p{L}\p{N}-]{1,16}$/u;

export class CreateWindowDto {
  @ApiProperty({ example: '5', description: 'What the screen shows and the voice says.' })
  @Matches(LABEL, { message: 'label must be 1-16 letters, digits or -' })
  label: string;

  @ApiProperty({ example: ['enterprise', 'tax'], description: 'Work profile: category codes in order of preference.' })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  categories: string[];

  @ApiPropertyOptional({ enum: WINDOW_STATES, default: 'closed' })
  @IsOptionalNotNull() @IsIn(WINDOW_STATES)
  state?: WindowState;
}

export class UpdateWindowDto {
  @ApiPropertyOptional({ example: '5' })
  @IsOptionalNotNull() @Matches(LABEL, { message: 'label must be 1-16 letters, digits or -' })
  label?: string;

  @ApiPropertyOptional({ example: ['enterprise', 'tax'], description: 'New work profile, in order of preference.' })
  @IsOptionalNotNull() @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  categories?: string[];
}
