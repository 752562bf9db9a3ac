import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HallAdminService, QueueService } from '@hallq/queue';
import { WaitService } from '../waits/wait.service';
import { CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';
import { CreateHallDto, UpdateHallDto } from './dto/hall.dto';
import { CategoryResponseDto, HallResponseDto, HallStateResponseDto, WindowResponseDto } from './dto/hall-responses.dto';
import { CreateWindowDto, UpdateWindowDto } from './dto/window.dto';

// Sign-in comes with the production issue: a guard on this controller will restrict writes to admins
// and managers of the hall. Until then these routes are open, as in the demo.
@ApiTags('halls')
@Controller('halls')
export class HallsController {
  constructor(
    private readonly admin: HallAdminService,
    private readonly queue: QueueService,
    private readonly waits: WaitService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All halls with their categories and windows' })
  @ApiOkResponse({ type: [HallResponseDto] })
  list() {
    return this.admin.listHalls();
  }

  @Post()
  @ApiOperation({ summary: 'Create a hall' })
  @ApiCreatedResponse({ type: HallResponseDto })
  create(@Body() dto: CreateHallDto) {
    return this.admin.createHall(dto);
  }

  @Get(':hallId')
  @ApiOkResponse({ type: HallResponseDto })
  get(@Param('hallId') hallId: string) {
    return this.admin.getHall(hallId);
  }

  @Patch(':hallId')
  @ApiOkResponse({ type: HallResponseDto })
  update(@Param('hallId') hallId: string, @Body() dto: UpdateHallDto) {
    return this.admin.updateHall(hallId, dto);
  }

  @Get(':hallId/state')
  @ApiOperation({ summary: "The hall now: line and wait per category, each window's state and ticket, recent calls" })
  @ApiOkResponse({ type: HallStateResponseDto })
  async state(@Param('hallId') hallId: string) {
    const s = await this.queue.hallState(hallId);
    return { ...s, lines: s.lines.map((l) => ({ ...l, waitNow: this.waits.forLine(l) })) };
  }

  @Get(':hallId/categories')
  @ApiOkResponse({ type: [CategoryResponseDto] })
  categories(@Param('hallId') hallId: string) {
    return this.admin.listCategories(hallId);
  }

  @Post(':hallId/categories')
  @ApiCreatedResponse({ type: CategoryResponseDto })
  createCategory(@Param('hallId') hallId: string, @Body() dto: CreateCategoryDto) {
    return this.admin.createCategory(hallId, dto);
  }

  @Patch(':hallId/categories/:category')
  @ApiOperation({ summary: 'Change a category (by id or code); active=false pauses its ticket issuing' })
  @ApiOkResponse({ type: CategoryResponseDto })
  updateCategory(@Param('hallId') hallId: string, @Param('category') category: string, @Body() dto: UpdateCategoryDto) {
    return this.admin.updateCategory(hallId, category, dto);
  }

  @Get(':hallId/windows')
  @ApiOkResponse({ type: [WindowResponseDto] })
  windows(@Param('hallId') hallId: string) {
    return this.admin.listWindows(hallId);
  }

  @Post(':hallId/windows')
  @ApiCreatedResponse({ type: WindowResponseDto })
  createWindow(@Param('hallId') hallId: string, @Body() dto: CreateWindowDto) {
    return this.admin.createWindow(hallId, dto);
  }

  @Patch(':hallId/windows/:windowId')
  @ApiOperation({ summary: "Change a window's label or work profile" })
  @ApiOkResponse({ type: WindowResponseDto })
  updateWindow(@Param('hallId') hallId: string, @Param('windowId') windowId: string, @Body() dto: UpdateWindowDto) {
    return this.admin.updateWindow(hallId, windowId, dto);
  }
}
